//! The wire layout: every flat TOML key, table key and `REOS_*` variable reos has ever read lands
//! in its nested field; unknown keys and bad enum words are refused naming them; variables that
//! are not settings are ignored.
use super::super::*;
use secrecy::ExposeSecret;
use std::collections::BTreeSet;

/// Every key with a value other than its default.
const EVERY_KEY: &str = r#"
listen = "0.0.0.0:9000"
metrics_listen = "127.0.0.1:9091"
data_dir = "/var/lib/reos"
seed_demo = false
environment = "production"
shutdown_timeout_secs = 5
drain_grace_secs = 2
instance_name = "reos-a"
database_url = "postgres://svc@db/reos"
database_owner_url = "postgres://owner@db/reos"
database_max_connections = 4
oidc_issuer = "https://id.example"
oidc_audience = "api"
oidc_jwks_file = "/etc/reos/jwks.json"
oidc_algorithms = ["ES256"]
oidc_tenant_claim = "org"
oidc_require_nbf = true
oidc_jwks_min_refresh_secs = 120
dev_auth = false
log_format = "json"
redis_url = "redis://cache:6379"
rate_limit_cost_per_minute = 500
neo4j_uri = "bolt://graph:7687"
neo4j_user = "reader"
neo4j_password = "pw"
neo4j_database = "owners"
sentry_dsn = "https://key@sentry.example/1"
sentry_environment = "staging"
sentry_sample_rate = 0.5
sentry_traces_sample_rate = 0.25
object_store_url = "s3://docs"
object_store_endpoint = "http://127.0.0.1:3900"
object_store_region = "garage"
object_store_access_key_id = "GK1"
object_store_secret_access_key = "s3cret"
object_store_allow_http = true
document_max_bytes = 1000
document_max_files = 3
document_url_expiry_seconds = 60
cors_origins = ["https://app.example", "http://127.0.0.1:5173"]
cors_max_age_secs = 60
compression_min_bytes = 2048
http_cache_control = "private, max-age=30"

[graphql]
max_depth = 7
persisted_queries = "only"
persisted_queries_manifest = "pq.json"
persisted_queries_max_mb = 2
persisted_queries_ttl_secs = 600
max_page_size = 100

[graphql.role_max_complexity]
admin = 90000

[graphql.response_cache]
ttl_secs = 5

[rate_limit]
enabled = false
tenant_cost_per_minute = 10
ip_cost_per_minute = 20
on_redis_error = "fail_closed"
redis_timeout_ms = 50
key_prefix = "test:rl"
trust_forwarded_for = true

[rate_limit.roles]
viewer = 2000

[market]
lambda = 120.0
alarm_run_length = 6

[pipeline]
settings = "p.toml"
gates = "g.toml"
openlineage_url = "lineage.jsonl"
"#;

/// The same values as `REOS_*` variables.
const EVERY_VARIABLE: &[(&str, &str)] = &[
    ("REOS_LISTEN", "0.0.0.0:9000"),
    ("REOS_METRICS_LISTEN", "127.0.0.1:9091"),
    ("REOS_DATA_DIR", "/var/lib/reos"),
    ("REOS_SEED_DEMO", "false"),
    ("REOS_ENVIRONMENT", "production"),
    ("REOS_SHUTDOWN_TIMEOUT_SECS", "5"),
    ("REOS_DRAIN_GRACE_SECS", "2"),
    ("REOS_INSTANCE_NAME", "reos-a"),
    ("REOS_DATABASE_URL", "postgres://svc@db/reos"),
    ("REOS_DATABASE_OWNER_URL", "postgres://owner@db/reos"),
    ("REOS_DATABASE_MAX_CONNECTIONS", "4"),
    ("REOS_OIDC_ISSUER", "https://id.example"),
    ("REOS_OIDC_AUDIENCE", "api"),
    ("REOS_OIDC_JWKS_FILE", "/etc/reos/jwks.json"),
    ("REOS_OIDC_ALGORITHMS", "[\"ES256\"]"),
    ("REOS_OIDC_TENANT_CLAIM", "org"),
    ("REOS_OIDC_REQUIRE_NBF", "true"),
    ("REOS_OIDC_JWKS_MIN_REFRESH_SECS", "120"),
    ("REOS_DEV_AUTH", "false"),
    ("REOS_LOG_FORMAT", "json"),
    ("REOS_REDIS_URL", "redis://cache:6379"),
    ("REOS_RATE_LIMIT_COST_PER_MINUTE", "500"),
    ("REOS_NEO4J_URI", "bolt://graph:7687"),
    ("REOS_NEO4J_USER", "reader"),
    ("REOS_NEO4J_PASSWORD", "pw"),
    ("REOS_NEO4J_DATABASE", "owners"),
    ("REOS_SENTRY_DSN", "https://key@sentry.example/1"),
    ("REOS_SENTRY_ENVIRONMENT", "staging"),
    ("REOS_SENTRY_SAMPLE_RATE", "0.5"),
    ("REOS_SENTRY_TRACES_SAMPLE_RATE", "0.25"),
    ("REOS_OBJECT_STORE_URL", "s3://docs"),
    ("REOS_OBJECT_STORE_ENDPOINT", "http://127.0.0.1:3900"),
    ("REOS_OBJECT_STORE_REGION", "garage"),
    ("REOS_OBJECT_STORE_ACCESS_KEY_ID", "GK1"),
    ("REOS_OBJECT_STORE_SECRET_ACCESS_KEY", "s3cret"),
    ("REOS_OBJECT_STORE_ALLOW_HTTP", "true"),
    ("REOS_DOCUMENT_MAX_BYTES", "1000"),
    ("REOS_DOCUMENT_MAX_FILES", "3"),
    ("REOS_DOCUMENT_URL_EXPIRY_SECONDS", "60"),
    ("REOS_CORS_ORIGINS", "https://app.example, http://127.0.0.1:5173"),
    ("REOS_CORS_MAX_AGE_SECS", "60"),
    ("REOS_COMPRESSION_MIN_BYTES", "2048"),
    ("REOS_HTTP_CACHE_CONTROL", "private, max-age=30"),
    ("REOS_GRAPHQL__MAX_DEPTH", "7"),
    ("REOS_GRAPHQL__PERSISTED_QUERIES", "only"),
    ("REOS_GRAPHQL__PERSISTED_QUERIES_MANIFEST", "pq.json"),
    ("REOS_GRAPHQL__PERSISTED_QUERIES_MAX_MB", "2"),
    ("REOS_GRAPHQL__PERSISTED_QUERIES_TTL_SECS", "600"),
    ("REOS_GRAPHQL__MAX_PAGE_SIZE", "100"),
    ("REOS_GRAPHQL__ROLE_MAX_COMPLEXITY__ADMIN", "90000"),
    ("REOS_GRAPHQL__RESPONSE_CACHE__TTL_SECS", "5"),
    ("REOS_RATE_LIMIT__ENABLED", "false"),
    ("REOS_RATE_LIMIT__TENANT_COST_PER_MINUTE", "10"),
    ("REOS_RATE_LIMIT__IP_COST_PER_MINUTE", "20"),
    ("REOS_RATE_LIMIT__ON_REDIS_ERROR", "fail_closed"),
    ("REOS_RATE_LIMIT__REDIS_TIMEOUT_MS", "50"),
    ("REOS_RATE_LIMIT__KEY_PREFIX", "test:rl"),
    ("REOS_RATE_LIMIT__TRUST_FORWARDED_FOR", "true"),
    ("REOS_RATE_LIMIT__ROLES__VIEWER", "2000"),
    ("REOS_MARKET__LAMBDA", "120.0"),
    ("REOS_MARKET__ALARM_RUN_LENGTH", "6"),
    ("REOS_PIPELINE__SETTINGS", "p.toml"),
    ("REOS_PIPELINE__GATES", "g.toml"),
    ("REOS_PIPELINE__OPENLINEAGE_URL", "lineage.jsonl"),
];

/// Variables that share the prefix but are not settings.
const NOT_SETTINGS: &[(&str, &str)] = &[
    ("REOS_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1/postgres"),
    ("REOS_CI", "1"),
    ("REOS_TEST_NEO4J_URI", "bolt://x"),
    ("REOS_S3_BUCKET", "b"),
    ("REOS_BENCH_OUT", "x.json"),
    ("REOS_README_ROOT", "/tmp"),
    ("REOS_", "x"),
];

fn vars(pairs: &[(&str, &str)]) -> Vec<(OsString, OsString)> {
    pairs
        .iter()
        .map(|(k, v)| (OsString::from(k), OsString::from(v)))
        .collect()
}

fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reos.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn load(text: &str, env: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let (_dir, path) = file(text);
    Settings::load_with_env(Some(&path), vars(env))
}

fn secret(s: &Option<SecretString>) -> Option<&str> {
    s.as_ref().map(|s| s.expose_secret())
}

/// Every field `EVERY_KEY` and `EVERY_VARIABLE` set, read from its nested place.
fn assert_every_value(s: &Settings) {
    assert_eq!(s.server.listen, "0.0.0.0:9000");
    assert_eq!(s.server.metrics_listen.as_deref(), Some("127.0.0.1:9091"));
    assert_eq!(s.server.data_dir, PathBuf::from("/var/lib/reos"));
    assert!(!s.server.seed_demo);
    assert_eq!(s.server.environment, Environment::Production);
    assert_eq!(s.server.shutdown_timeout_secs, 5);
    assert_eq!(s.server.drain_grace_secs, 2);
    assert_eq!(s.server.instance_name.as_deref(), Some("reos-a"));
    assert_eq!(secret(&s.database.url), Some("postgres://svc@db/reos"));
    assert_eq!(secret(&s.database.owner_url), Some("postgres://owner@db/reos"));
    assert_eq!(s.database.max_connections, 4);
    assert_eq!(s.auth.issuer.as_deref(), Some("https://id.example"));
    assert_eq!(s.auth.audience, "api");
    assert_eq!(s.auth.jwks_file, Some(PathBuf::from("/etc/reos/jwks.json")));
    assert_eq!(s.auth.algorithms, ["ES256"]);
    assert_eq!(s.auth.tenant_claim, "org");
    assert!(s.auth.require_nbf);
    assert_eq!(s.auth.jwks_min_refresh_secs, 120);
    assert_eq!(s.auth.dev_auth, Some(false));
    assert_eq!(s.telemetry.log_format, LogFormat::Json);
    assert_eq!(secret(&s.rate_limit.redis_url), Some("redis://cache:6379"));
    assert_eq!(s.rate_limit.user_cost_per_minute, 500);
    assert_eq!(s.graph.uri.as_deref(), Some("bolt://graph:7687"));
    assert_eq!(s.graph.user, "reader");
    assert_eq!(secret(&s.graph.password), Some("pw"));
    assert_eq!(s.graph.database.as_deref(), Some("owners"));
    assert_eq!(secret(&s.telemetry.sentry_dsn), Some("https://key@sentry.example/1"));
    assert_eq!(s.telemetry.sentry_environment.as_deref(), Some("staging"));
    assert_eq!(s.telemetry.sentry_sample_rate, 0.5);
    assert_eq!(s.telemetry.sentry_traces_sample_rate, 0.25);
    assert_eq!(s.storage.url.as_deref(), Some("s3://docs"));
    assert_eq!(s.storage.endpoint.as_deref(), Some("http://127.0.0.1:3900"));
    assert_eq!(s.storage.region, "garage");
    assert_eq!(s.storage.access_key_id.as_deref(), Some("GK1"));
    assert_eq!(secret(&s.storage.secret_access_key), Some("s3cret"));
    assert!(s.storage.allow_http);
    assert_eq!(s.storage.document_max_bytes, 1000);
    assert_eq!(s.storage.document_max_files, 3);
    assert_eq!(s.storage.document_url_expiry_seconds, 60);
    assert_eq!(s.graphql.max_depth, 7);
    assert_eq!(s.graphql.max_page_size, 100);
    assert_eq!(s.graphql.role_max_complexity.get("admin"), Some(&90_000));
    assert_eq!(s.graphql.response_cache.ttl_secs, 5);
    assert_eq!(s.graphql.persisted_queries, PersistedQueries::Only);
    assert_eq!(s.graphql.persisted_queries_manifest, Some(PathBuf::from("pq.json")));
    assert_eq!(s.graphql.persisted_queries_max_mb, 2);
    assert_eq!(s.graphql.persisted_queries_ttl_secs, 600);
    assert_eq!(s.web.cors_origins, ["https://app.example", "http://127.0.0.1:5173"]);
    assert_eq!(s.web.cors_max_age_secs, 60);
    assert_eq!(s.market.lambda, 120.0);
    assert_eq!(s.market.alarm_run_length, 6);
    assert_eq!(s.web.compression_min_bytes, 2048);
    assert_eq!(s.web.http_cache_control, "private, max-age=30");
    let l = &s.rate_limit.limiter;
    assert!(!l.enabled);
    assert_eq!(l.tenant_cost_per_minute, 10);
    assert_eq!(l.ip_cost_per_minute, 20);
    assert_eq!(l.on_redis_error, OnRedisError::FailClosed);
    assert_eq!(l.redis_timeout_ms, 50);
    assert_eq!(l.key_prefix, "test:rl");
    assert!(l.trust_forwarded_for);
    assert_eq!(l.roles.get("viewer"), Some(&2000));
    assert_eq!(s.pipeline.settings, Some(PathBuf::from("p.toml")));
    assert_eq!(s.pipeline.gates, Some(PathBuf::from("g.toml")));
    assert_eq!(s.pipeline.openlineage_url.as_deref(), Some("lineage.jsonl"));
}

#[test]
fn every_key_of_the_file_lands_in_its_section() {
    assert_every_value(&load(EVERY_KEY, &[]).unwrap());
}

#[test]
fn every_environment_variable_lands_in_its_section() {
    let s = Settings::load_with_env(None, vars(EVERY_VARIABLE)).unwrap();
    assert_every_value(&s);
}

#[test]
fn the_environment_overrides_the_file_and_reos_config_names_it() {
    let (_dir, path) = file("listen = \"10.0.0.1:1\"\nseed_demo = false\n");
    let env = [("REOS_CONFIG", path.to_str().unwrap()), ("REOS_LISTEN", "10.0.0.2:2")];
    let s = Settings::load_with_env(None, vars(&env)).unwrap();
    assert_eq!(s.server.listen, "10.0.0.2:2");
    assert!(!s.server.seed_demo);
}

#[test]
fn variables_that_are_not_settings_are_ignored() {
    let s = Settings::load_with_env(None, vars(NOT_SETTINGS)).unwrap();
    assert!(s.database.url.is_none());
    assert!(s.graph.uri.is_none());
}

#[test]
fn an_unknown_key_in_the_file_is_refused_naming_it() {
    let err = load("databse_url = \"postgres://x\"\n", &[]).unwrap_err();
    assert!(
        matches!(&err, ConfigError::UnknownKey { key, .. } if key == "databse_url"),
        "{err}"
    );
    assert!(err.to_string().contains("`databse_url`"), "{err}");
    for (text, key) in [
        ("[graphql]\nmax_dpeth = 3\n", "max_dpeth"),
        ("[graphql.response_cache]\nttl = 3\n", "ttl"),
        ("[rate_limit]\nenable = false\n", "enable"),
        ("[pipeline]\ngate = \"g.toml\"\n", "gate"),
        ("[server]\nlisten = \"x\"\n", "server"),
    ] {
        let err = load(text, &[]).unwrap_err().to_string();
        assert!(err.contains(key), "{text}: {err}");
    }
}

#[test]
fn bad_enum_words_are_refused_naming_the_field() {
    for (text, field) in [
        ("environment = \"staging\"\n", "environment"),
        ("log_format = \"xml\"\n", "log_format"),
        ("[rate_limit]\non_redis_error = \"maybe\"\n", "on_redis_error"),
    ] {
        let err = load(text, &[]).unwrap_err().to_string();
        assert!(err.contains(field), "{text}: {err}");
    }
    for (name, value) in [("REOS_ENVIRONMENT", "prod"), ("REOS_LOG_FORMAT", "xml")] {
        let err = Settings::load_with_env(None, vars(&[(name, value)]))
            .unwrap_err()
            .to_string();
        assert!(err.contains(name), "{name}: {err}");
    }
}

#[test]
fn a_bad_value_names_its_flat_key() {
    let err = load("database_max_connections = \"many\"\n", &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("database_max_connections"), "{err}");
    let env = [("REOS_DATABASE_MAX_CONNECTIONS", "many")];
    let err = Settings::load_with_env(None, vars(&env)).unwrap_err().to_string();
    assert!(err.contains("REOS_DATABASE_MAX_CONNECTIONS"), "{err}");
}

#[test]
fn a_bad_value_in_a_table_names_its_path() {
    let err = load("[graphql.response_cache]\nttl_secs = \"long\"\n", &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("graphql.response_cache.ttl_secs"), "{err}");
    let env = [("REOS_GRAPHQL__MAX_DEPTH", "deep")];
    let err = Settings::load_with_env(None, vars(&env)).unwrap_err().to_string();
    assert!(err.contains("REOS_GRAPHQL__MAX_DEPTH"), "{err}");
    // The message is not repeated as its own cause.
    let err = anyhow::Error::from(Settings::load_with_env(None, vars(&env)).unwrap_err());
    assert_eq!(
        format!("{err:#}").matches("REOS_GRAPHQL__MAX_DEPTH").count(),
        1,
        "{err:#}"
    );
}

/// The flat keys `ops/reos.example.toml` lists (set or commented out) before its first table.
fn example_flat_keys() -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ops/reos.example.toml");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| {
            let l = l.trim_start_matches(['#', ' ']);
            let (key, _) = l.split_once(" = ")?;
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                .then(|| key.to_owned())
        })
        .collect()
}

#[test]
fn the_example_file_lists_every_flat_key_and_only_those() {
    let defaults = serde_json::to_value(Settings::default()).unwrap();
    let flat: BTreeSet<String> = defaults
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !v.is_object())
        .map(|(k, _)| k.clone())
        .collect();
    assert_eq!(flat, example_flat_keys());
    let tables: BTreeSet<&str> = defaults
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v.is_object())
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(
        tables,
        BTreeSet::from(["graphql", "jobs", "market", "pipeline", "rate_limit"])
    );
    assert_eq!(keys::top_level_keys().unwrap().len(), flat.len() + tables.len());
}

#[test]
fn secrets_serialize_redacted() {
    let s = load(EVERY_KEY, &[]).unwrap();
    let text = serde_json::to_string(&s).unwrap();
    for secret in [
        "postgres://svc",
        "postgres://owner",
        "redis://cache",
        "s3cret",
        "sentry.example",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("\"neo4j_password\":\"[redacted]\""), "{text}");
}
