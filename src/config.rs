//! Settings in layers: built-in defaults → optional TOML file (`--config` / `REOS_CONFIG`) → `REOS_*`
//! environment. Every field is documented here; README.md carries the same table.
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::SecretString;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Top-level environment variables mapped onto fields (`REOS_` + upper-case name). Nested
/// sections use `__`, e.g. `REOS_GRAPHQL__MAX_DEPTH`. Other `REOS_*` variables (such as
/// `REOS_CONFIG` or `REOS_TEST_DATABASE_URL`) are not settings and are ignored here.
const ENV_KEYS: &[&str] = &[
    "listen",
    "data_dir",
    "database_url",
    "database_owner_url",
    "database_max_connections",
    "oidc_issuer",
    "oidc_audience",
    "oidc_jwks_file",
    "oidc_algorithms",
    "oidc_tenant_claim",
    "oidc_require_nbf",
    "oidc_jwks_min_refresh_secs",
    "dev_auth",
    "seed_demo",
    "environment",
    "log_format",
    "graphql",
    "pipeline",
    "redis_url",
    "rate_limit_cost_per_minute",
    "rate_limit",
    "metrics_listen",
    "neo4j_uri",
    "neo4j_user",
    "neo4j_password",
    "neo4j_database",
    "sentry_dsn",
    "sentry_environment",
    "sentry_sample_rate",
    "sentry_traces_sample_rate",
    "object_store_url",
    "object_store_endpoint",
    "object_store_region",
    "object_store_access_key_id",
    "object_store_secret_access_key",
    "object_store_allow_http",
    "document_max_bytes",
    "document_max_files",
    "document_url_expiry_seconds",
    "shutdown_timeout_secs",
];

/// All of reos's configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address the HTTP server binds (`REOS_LISTEN`). Port 0 picks a free port.
    pub listen: String,
    /// Folder for the embedded SQLite file, development keys and local objects (`REOS_DATA_DIR`).
    pub data_dir: PathBuf,
    /// PostgreSQL URL the service connects with (`REOS_DATABASE_URL`): a login role that is a
    /// member of `reos_app`, owns nothing and has no BYPASSRLS. Unset: SQLite under `data_dir`.
    pub database_url: Option<SecretString>,
    /// PostgreSQL URL of the schema owner, used for migrations and tenant administration
    /// (`REOS_DATABASE_OWNER_URL`). Defaults to `database_url`.
    pub database_owner_url: Option<SecretString>,
    /// Size of the service's connection pool (`REOS_DATABASE_MAX_CONNECTIONS`).
    pub database_max_connections: u32,
    /// OIDC issuer URL; keys are found through its discovery document (`REOS_OIDC_ISSUER`).
    pub oidc_issuer: Option<String>,
    /// Required `aud` of access tokens (`REOS_OIDC_AUDIENCE`).
    pub oidc_audience: String,
    /// A static JWKS (JSON) or PEM public key file instead of discovery (`REOS_OIDC_JWKS_FILE`);
    /// needs `oidc_issuer` for the `iss` check unless dev auth is on.
    pub oidc_jwks_file: Option<PathBuf>,
    /// Accepted signature algorithms (`REOS_OIDC_ALGORITHMS`, e.g. `["RS256","ES256"]`).
    pub oidc_algorithms: Vec<String>,
    /// Claim carrying the tenant slug or id (`REOS_OIDC_TENANT_CLAIM`).
    pub oidc_tenant_claim: String,
    /// Refuse tokens without `nbf` (`REOS_OIDC_REQUIRE_NBF`). `nbf` is always checked when
    /// present; Keycloak, Auth0 and node oidc-provider leave it out of access tokens, so
    /// requiring it is opt-in.
    pub oidc_require_nbf: bool,
    /// Minimum seconds between two JWKS refetches triggered by tokens naming an unknown `kid`
    /// (`REOS_OIDC_JWKS_MIN_REFRESH_SECS`); bounds how hard made-up kids can make us hit the issuer.
    pub oidc_jwks_min_refresh_secs: u64,
    /// Development tokens from a local key pair under `data_dir` (`REOS_DEV_AUTH`). Default: on
    /// exactly when no issuer and no key file are configured; refused together with an issuer.
    pub dev_auth: Option<bool>,
    /// Seed a `demo` tenant with a few properties when the database has no tenant (`REOS_SEED_DEMO`).
    pub seed_demo: bool,
    /// `development` or `production` (`REOS_ENVIRONMENT`); production needs an issuer.
    pub environment: String,
    /// `pretty` or `json` logs (`REOS_LOG_FORMAT`); the level comes from `RUST_LOG`.
    pub log_format: String,
    /// GraphQL protection limits (`[graphql]` section, `REOS_GRAPHQL__*`).
    pub graphql: GraphqlSettings,
    /// Property pipeline files and lineage (`[pipeline]` section, `REOS_PIPELINE__*`).
    pub pipeline: PipelineFiles,
    /// Redis for rate limits shared by every instance (`REOS_REDIS_URL`); unset: in-process limits.
    pub redis_url: Option<SecretString>,
    /// Default budget per user per minute in cost units (query complexity)
    /// (`REOS_RATE_LIMIT_COST_PER_MINUTE`); per-role overrides in `[rate_limit.roles]`.
    pub rate_limit_cost_per_minute: u64,
    /// Tenant and IP budgets, role overrides, Redis failure behaviour (`[rate_limit]`, `REOS_RATE_LIMIT__*`).
    pub rate_limit: crate::ratelimit::RateLimitSettings,
    /// Serve `/metrics` on this address instead of the main listener (`REOS_METRICS_LISTEN`).
    pub metrics_listen: Option<String>,
    /// Bolt URI of the Neo4j mirror of the ownership graph (`REOS_NEO4J_URI`). Unset: the graph
    /// queries use the embedded engine and no outbox rows are written.
    pub neo4j_uri: Option<String>,
    /// Neo4j user (`REOS_NEO4J_USER`).
    pub neo4j_user: String,
    /// Neo4j password (`REOS_NEO4J_PASSWORD`).
    pub neo4j_password: Option<SecretString>,
    /// Neo4j database (`REOS_NEO4J_DATABASE`); unset: the server's default, `neo4j`.
    pub neo4j_database: Option<String>,
    /// Sentry (or Bugsink) DSN for error reporting (`REOS_SENTRY_DSN`); unset: reporting is off.
    pub sentry_dsn: Option<SecretString>,
    /// Environment reported to Sentry (`REOS_SENTRY_ENVIRONMENT`); defaults to `environment`.
    pub sentry_environment: Option<String>,
    /// Share of error events sent, 0 to 1 (`REOS_SENTRY_SAMPLE_RATE`).
    pub sentry_sample_rate: f32,
    /// Share of requests traced as Sentry transactions, 0 to 1 (`REOS_SENTRY_TRACES_SAMPLE_RATE`).
    pub sentry_traces_sample_rate: f32,
    /// Where document bytes live (`REOS_OBJECT_STORE_URL`): `file:///abs/dir` or `file://./rel`
    /// (local filesystem), or `s3://BUCKET` (S3-compatible, with the `object_store_*` keys below).
    /// Unset: the local folder `data_dir/objects`.
    pub object_store_url: Option<String>,
    /// S3 endpoint URL (`REOS_OBJECT_STORE_ENDPOINT`), e.g. `http://127.0.0.1:3900` for Garage.
    /// Unset: AWS's endpoint for the region.
    pub object_store_endpoint: Option<String>,
    /// S3 region (`REOS_OBJECT_STORE_REGION`); must match the server's (Garage: `s3_region`).
    pub object_store_region: String,
    /// S3 access key id (`REOS_OBJECT_STORE_ACCESS_KEY_ID`).
    pub object_store_access_key_id: Option<String>,
    /// S3 secret access key (`REOS_OBJECT_STORE_SECRET_ACCESS_KEY`).
    pub object_store_secret_access_key: Option<SecretString>,
    /// Allow a plain-HTTP S3 endpoint (`REOS_OBJECT_STORE_ALLOW_HTTP`); for loopback servers only.
    pub object_store_allow_http: bool,
    /// Largest document accepted, in bytes (`REOS_DOCUMENT_MAX_BYTES`).
    pub document_max_bytes: u64,
    /// Most files in one upload request (`REOS_DOCUMENT_MAX_FILES`).
    pub document_max_files: usize,
    /// Lifetime of presigned S3 download URLs, in seconds (`REOS_DOCUMENT_URL_EXPIRY_SECONDS`).
    pub document_url_expiry_seconds: u64,
    /// On SIGTERM/SIGINT the server stops accepting and lets requests in flight finish for at most
    /// this many seconds, then drops them (their transactions roll back, their engine work is
    /// told to stop) and exits (`REOS_SHUTDOWN_TIMEOUT_SECS`).
    pub shutdown_timeout_secs: u64,
}

/// Where the property pipeline's configuration comes from and where its lineage goes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineFiles {
    /// Settings TOML: hazard weights, trust, lookup radius, DCF defaults (`REOS_PIPELINE__SETTINGS`).
    /// Unset: the shipped `ops/pipeline/pipeline.toml`.
    pub settings: Option<PathBuf>,
    /// Quality gates TOML (`REOS_PIPELINE__GATES`). Unset: the shipped `ops/pipeline/gates.toml`.
    pub gates: Option<PathBuf>,
    /// OpenLineage run events (`REOS_PIPELINE__OPENLINEAGE_URL`): an `http(s)://` endpoint they are
    /// POSTed to, or a file path they are appended to as JSON lines. Unset: none are emitted.
    pub openlineage_url: Option<String>,
}

/// Limits that protect the GraphQL endpoint.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphqlSettings {
    /// Whether `__schema` / `__type` introspection is answered.
    pub introspection: bool,
    /// Maximum depth of data selections (introspection is measured apart).
    pub max_depth: usize,
    /// Maximum work of one operation: async-graphql's complexity (each field costs 1, connections
    /// multiply by `first`, compute-heavy fields cost what they compute: docs/graphql.md).
    pub max_complexity: usize,
    /// Per-role overrides of `max_complexity` (`[graphql.role_max_complexity]`, e.g. `admin = 100000`).
    pub role_max_complexity: std::collections::HashMap<String, usize>,
    /// Largest query text in bytes (large inputs go in variables); more is QUERY_TOO_COMPLEX.
    pub max_query_bytes: usize,
    /// Most lexical tokens in a query text.
    pub max_tokens: usize,
    /// Most fragment definitions in a document.
    pub max_fragments: usize,
    /// Most selections in an operation once every fragment spread is expanded.
    pub max_nodes: u64,
    /// Deepest `__schema` / `__type` selection, counted from the root.
    pub introspection_max_depth: usize,
    /// Longest a GraphQL request may run, in seconds; then it is cancelled (rolled back) with
    /// a TIMEOUT error. Also bounds how long a shutdown waits for it.
    pub request_timeout_secs: u64,
    /// Bytes of multipart uploads being received at once, across all requests, in MiB; an upload
    /// that does not fit waits up to 10 s, then gets HTTP 503 UPLOADS_BUSY.
    pub uploads_in_flight_mb: u64,
    /// Maximum number of aliased fields in one operation.
    pub max_aliases: usize,
    /// Maximum number of root fields in one operation.
    pub max_root_fields: usize,
    /// Maximum operations in one batched HTTP request.
    pub max_batch: usize,
    /// Page size when `first` is not given.
    pub default_page_size: u64,
    /// Largest `first` accepted; more is refused with BAD_USER_INPUT.
    pub max_page_size: u64,
    /// Largest JSON request body in bytes; more is refused with HTTP 413 before parsing.
    pub max_body_bytes: usize,
    /// Cache of whole query responses (`[graphql.response_cache]`, PostgreSQL only).
    pub response_cache: ResponseCacheSettings,
}

/// The response cache (`src/http/response_cache.rs`): successful query responses, per tenant and
/// token, dropped when a write of the tenant commits (PostgreSQL `NOTIFY`). Not used on SQLite.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResponseCacheSettings {
    /// Whether query responses are cached (`REOS_GRAPHQL__RESPONSE_CACHE__ENABLED`).
    pub enabled: bool,
    /// Memory budget of the cache in MiB (`REOS_GRAPHQL__RESPONSE_CACHE__MAX_MB`).
    pub max_mb: u64,
    /// Seconds an entry may be served at most, which bounds the drift of clock-dependent values
    /// such as trust freshness (`REOS_GRAPHQL__RESPONSE_CACHE__TTL_SECS`).
    pub ttl_secs: u64,
}

impl Default for ResponseCacheSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            max_mb: 64,
            ttl_secs: 30,
        }
    }
}

impl Default for GraphqlSettings {
    fn default() -> Self {
        Self {
            introspection: true,
            max_depth: 12,
            max_complexity: 20_000,
            role_max_complexity: Default::default(),
            max_query_bytes: 32_768,
            max_tokens: 8_000,
            max_fragments: 100,
            max_nodes: 1_000,
            introspection_max_depth: 20,
            request_timeout_secs: 60,
            uploads_in_flight_mb: 256,
            max_aliases: 30,
            max_root_fields: 20,
            max_batch: 10,
            default_page_size: 50,
            max_page_size: 500,
            max_body_bytes: 8 * 1024 * 1024,
            response_cache: ResponseCacheSettings::default(),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            database_owner_url: None,
            database_max_connections: 16,
            oidc_issuer: None,
            oidc_audience: "reos".into(),
            oidc_jwks_file: None,
            oidc_algorithms: vec!["RS256".into(), "ES256".into()],
            oidc_tenant_claim: "tenant".into(),
            oidc_require_nbf: false,
            oidc_jwks_min_refresh_secs: 60,
            dev_auth: None,
            seed_demo: true,
            environment: "development".into(),
            log_format: "pretty".into(),
            graphql: GraphqlSettings::default(),
            pipeline: PipelineFiles::default(),
            redis_url: None,
            rate_limit_cost_per_minute: 100_000,
            rate_limit: Default::default(),
            metrics_listen: None,
            neo4j_uri: None,
            neo4j_user: "neo4j".into(),
            neo4j_password: None,
            neo4j_database: None,
            sentry_dsn: None,
            sentry_environment: None,
            sentry_sample_rate: 1.0,
            sentry_traces_sample_rate: 0.0,
            object_store_url: None,
            object_store_endpoint: None,
            object_store_region: "us-east-1".into(),
            object_store_access_key_id: None,
            object_store_secret_access_key: None,
            object_store_allow_http: false,
            document_max_bytes: 25 * 1024 * 1024,
            document_max_files: 10,
            document_url_expiry_seconds: 300,
            shutdown_timeout_secs: 30,
        }
    }
}

/// Why settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Load(#[from] Box<figment::Error>),
    #[error("configuration field `{field}`: {message}")]
    Invalid { field: &'static str, message: String },
}

impl Settings {
    /// Loads defaults, then `file` (or `REOS_CONFIG`) when given, then the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::new();
        let from_env = std::env::var_os("REOS_CONFIG").map(PathBuf::from);
        if let Some(path) = file.map(Path::to_path_buf).or(from_env) {
            if !path.exists() {
                return Err(ConfigError::Invalid {
                    field: "config",
                    message: format!("file {} does not exist", path.display()),
                });
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed("REOS_").split("__").filter(|k| {
            let k = k.as_str().to_ascii_lowercase();
            ENV_KEYS
                .iter()
                .any(|known| k == *known || k.starts_with(&format!("{known}__")))
                // figment applies this filter after `split("__")` has turned `__` into `.`
                || ENV_KEYS.iter().any(|known| k.starts_with(&format!("{known}.")))
        }));
        let settings: Settings = figment.extract().map_err(Box::new)?;
        settings.validate()?;
        Ok(settings)
    }

    /// Cross-field rules: dev auth never together with an issuer; production needs real auth.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.dev_auth == Some(true) && self.oidc_issuer.is_some() {
            return Err(ConfigError::Invalid {
                field: "dev_auth",
                message: "development tokens cannot be enabled when an OIDC issuer is configured".into(),
            });
        }
        if self.environment == "production" && self.dev_auth_enabled() {
            return Err(ConfigError::Invalid {
                field: "oidc_issuer",
                message: "production needs an OIDC issuer or a JWKS file".into(),
            });
        }
        if !matches!(self.environment.as_str(), "development" | "production") {
            return Err(ConfigError::Invalid {
                field: "environment",
                message: format!("`{}` is neither development nor production", self.environment),
            });
        }
        if self.graphql.default_page_size == 0 || self.graphql.default_page_size > self.graphql.max_page_size {
            return Err(ConfigError::Invalid {
                field: "graphql.default_page_size",
                message: "must be between 1 and graphql.max_page_size".into(),
            });
        }
        if let Some(role) = self
            .graphql
            .role_max_complexity
            .keys()
            .find(|r| !crate::auth::Role::ALL.iter().any(|k| k.as_str() == r.as_str()))
        {
            return Err(ConfigError::Invalid {
                field: "graphql.role_max_complexity",
                message: format!("`{role}` is not a role (viewer, analyst, operator, admin)"),
            });
        }
        for (field, value) in [
            ("graphql.request_timeout_secs", self.graphql.request_timeout_secs),
            ("graphql.uploads_in_flight_mb", self.graphql.uploads_in_flight_mb),
        ] {
            if value == 0 {
                return Err(ConfigError::Invalid {
                    field,
                    message: "must be at least 1".into(),
                });
            }
        }
        if let Some((field, message)) = self.rate_limit.problem(self.rate_limit_cost_per_minute) {
            return Err(ConfigError::Invalid { field, message });
        }
        if self.document_max_bytes == 0 || self.document_max_files == 0 {
            return Err(ConfigError::Invalid {
                field: "document_max_bytes",
                message: "document_max_bytes and document_max_files must be at least 1".into(),
            });
        }
        if !(1..=7 * 24 * 3600).contains(&self.document_url_expiry_seconds) {
            return Err(ConfigError::Invalid {
                field: "document_url_expiry_seconds",
                message: "must be between 1 second and 7 days (the S3 limit)".into(),
            });
        }
        self.validate_sentry()?;
        Ok(())
    }

    /// The DSN parses and the sample rates are fractions.
    fn validate_sentry(&self) -> Result<(), ConfigError> {
        use secrecy::ExposeSecret;
        if let Some(dsn) = &self.sentry_dsn
            && dsn.expose_secret().parse::<sentry::types::Dsn>().is_err()
        {
            return Err(ConfigError::Invalid {
                field: "sentry_dsn",
                message: "not a DSN (https://<key>@<host>/<project>)".into(),
            });
        }
        for (field, rate) in [
            ("sentry_sample_rate", self.sentry_sample_rate),
            ("sentry_traces_sample_rate", self.sentry_traces_sample_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(ConfigError::Invalid {
                    field,
                    message: format!("{rate} is not between 0 and 1"),
                });
            }
        }
        Ok(())
    }

    /// Development tokens are trusted only with no issuer and no key file configured.
    pub fn dev_auth_enabled(&self) -> bool {
        self.dev_auth
            .unwrap_or(self.oidc_issuer.is_none() && self.oidc_jwks_file.is_none())
    }

    /// The embedded SQLite file.
    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join("reos.db")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_embedded_laptop_setup() {
        let s = Settings::default();
        assert_eq!(s.listen, "127.0.0.1:8080");
        assert!(s.database_url.is_none());
        assert!(s.dev_auth_enabled());
        assert!(s.validate().is_ok());
    }

    #[test]
    fn dev_auth_with_an_issuer_is_refused() {
        let s = Settings {
            dev_auth: Some(true),
            oidc_issuer: Some("https://id.example".into()),
            ..Settings::default()
        };
        assert!(matches!(
            s.validate(),
            Err(ConfigError::Invalid { field: "dev_auth", .. })
        ));
    }

    #[test]
    fn a_bad_sentry_dsn_or_rate_is_refused_by_name() {
        let bad_dsn = Settings {
            sentry_dsn: Some(SecretString::from("not a dsn")),
            ..Settings::default()
        };
        assert!(matches!(
            bad_dsn.validate(),
            Err(ConfigError::Invalid {
                field: "sentry_dsn",
                ..
            })
        ));
        let bad_rate = Settings {
            sentry_traces_sample_rate: 1.5,
            ..Settings::default()
        };
        assert!(matches!(
            bad_rate.validate(),
            Err(ConfigError::Invalid {
                field: "sentry_traces_sample_rate",
                ..
            })
        ));
    }

    #[test]
    fn an_issuer_turns_dev_auth_off() {
        let s = Settings {
            oidc_issuer: Some("https://id.example".into()),
            ..Settings::default()
        };
        assert!(!s.dev_auth_enabled());
    }
}
