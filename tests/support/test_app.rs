//! `spawn_app`: each test gets its own server on a random port and its own fresh database —
//! a SQLite file in a temp folder, or a new PostgreSQL database created from
//! `REOS_TEST_DATABASE_URL` with the app connected as a non-owner, RLS-bound login role.
use super::skip;
use reos::auth::Role;
use reos::auth::dev::DevKeys;
use reos::config::Settings;
use reos::http::state::AppState;
use reos::persistence::Database;
use reos::startup::Application;
use secrecy::SecretString;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

/// The login role tests connect the service as (member of `reos_app`, no BYPASSRLS).
pub const SERVICE_ROLE: &str = "reos_service";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    pub state: Arc<AppState>,
    pub dev: DevKeys,
    _dir: TempDir,
}

/// `REOS_TEST_DATABASE_URL`, or None (and a note on stderr) when PostgreSQL tests are skipped.
pub fn pg_admin_url() -> Option<String> {
    match std::env::var("REOS_TEST_DATABASE_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            skip::skip("REOS_TEST_DATABASE_URL is not set, PostgreSQL/RLS test not run");
            None
        }
    }
}

fn with_database(url: &str, db: &str) -> String {
    let (base, _) = url.rsplit_once('/').unwrap_or((url, ""));
    format!("{base}/{db}")
}

fn with_user(url: &str, user: &str) -> String {
    // postgres://USER@host... → postgres://reos_service@host...
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.split_once('@').map_or(rest, |(_, h)| h);
    format!("{scheme}://{user}@{host}")
}

/// Creates a fresh database, migrates it as the owner and makes sure the service login role
/// exists; returns (owner URL, service URL).
pub async fn fresh_postgres(admin: &str) -> (String, String) {
    use sea_orm::ConnectionTrait;
    let name = format!("reos_test_{}", uuid::Uuid::new_v4().simple());
    let admin_conn = sea_orm::Database::connect(admin).await.unwrap();
    admin_conn
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let owner_url = with_database(admin, &name);
    let owner = sea_orm::Database::connect(&owner_url).await.unwrap();
    use reos_migrations::MigratorTrait;
    reos_migrations::Migrator::up(&owner, None).await.unwrap();
    admin_conn
        .execute_unprepared(&format!(
            "DO $$ BEGIN
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                 CREATE ROLE {SERVICE_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS;
               END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;
             GRANT {} TO {SERVICE_ROLE};",
            reos_migrations::APP_ROLE
        ))
        .await
        .unwrap();
    let service_url = with_user(&owner_url, SERVICE_ROLE);
    (owner_url, service_url)
}

/// A test settings object: port 0, temp data folder, dev auth, no demo seed, and no response
/// cache: many tests write behind the API (services, SQL), which the cache sees only through
/// PostgreSQL's asynchronous notifications; `response_cache.rs` tests the cache itself.
pub fn settings(dir: &TempDir) -> Settings {
    let mut s = Settings::default();
    s.server.listen = "127.0.0.1:0".into();
    s.server.data_dir = dir.path().to_path_buf();
    s.server.seed_demo = false;
    s.database.max_connections = 8;
    s.graphql.response_cache.enabled = false;
    // No background jobs unless a test asks for them (tests/api/jobs.rs).
    s.jobs.enabled = false;
    s
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |_| {}).await
}

/// Spawns with adjusted settings; None when the backend is PostgreSQL and it is not configured.
pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    reos::telemetry::init_for_tests();
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(&dir);
    if let Backend::Postgres = backend {
        let admin = pg_admin_url()?;
        let (o, sv) = fresh_postgres(&admin).await;
        s.database.url = Some(SecretString::from(sv));
        s.database.owner_url = Some(SecretString::from(o));
    }
    adjust(&mut s);
    let dev = DevKeys::load_or_create(&s.server.data_dir).unwrap();
    let app = Application::build(s).await.unwrap();
    let url = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    Some(TestApp {
        url,
        client: reqwest::Client::new(),
        state,
        dev,
        _dir: dir,
    })
}

impl TestApp {
    pub fn db(&self) -> &Database {
        &self.state.db
    }

    /// Creates a tenant (as the owner) and returns its id.
    pub async fn tenant(&self, slug: &str) -> uuid::Uuid {
        reos::services::tenants::create(self.db(), slug, &format!("{slug} team"))
            .await
            .unwrap()
            .id
    }

    /// The `TenantId` of a tenant the test created, read back from its row.
    pub async fn tenant_id(&self, id: uuid::Uuid) -> reos::persistence::TenantId {
        tenant_id(self.db(), id).await
    }

    pub fn token(&self, tenant: &str, role: Role) -> String {
        self.dev.mint(tenant, role, Duration::from_secs(600)).unwrap()
    }

    /// POSTs a GraphQL operation; returns the HTTP status and the JSON body.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> (u16, Value) {
        let mut req = self
            .client
            .post(format!("{}/graphql", self.url))
            .json(&json!({"query": query, "variables": variables}));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap())
    }

    /// Like `gql` but asserts success and returns `data`.
    pub async fn data(&self, token: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.gql(Some(token), query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Creates a property through the API and returns its id.
    pub async fn create_property(&self, token: &str, city: &str) -> String {
        let d = self
            .data(
                token,
                "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
                json!({"i": {"address": {"line1": "1 Main St", "city": city, "state": "IA"}, "propertyType": "SINGLE_FAMILY",
                    "latitude": 42.02, "longitude": -93.62, "livingAreaSf": 1500.0, "listPrice": 250000.0}}),
            )
            .await;
        d["createProperty"]["property"]["id"].as_str().unwrap().to_owned()
    }
}

/// The `TenantId` of an existing tenant, the way the service gets one: from its row.
pub async fn tenant_id(db: &Database, id: uuid::Uuid) -> reos::persistence::TenantId {
    let row = reos::persistence::repositories::tenants::by_id(&db.service, id)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no tenant {id}"));
    reos::persistence::TenantId::from_row(&row)
}

/// The first error's `extensions.code`.
pub fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or("<none>")
}

/// Runs one async test body against SQLite and against PostgreSQL (when configured).
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn on_sqlite() {
                if let Some(app) =
                    $crate::support::test_app::spawn_app($crate::support::test_app::Backend::Sqlite).await
                {
                    super::$name(app).await;
                }
            }
            #[tokio::test]
            async fn on_postgres() {
                if let Some(app) =
                    $crate::support::test_app::spawn_app($crate::support::test_app::Backend::Postgres).await
                {
                    super::$name(app).await;
                }
            }
        }
    };
}
