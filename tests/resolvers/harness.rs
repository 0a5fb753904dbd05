//! The resolver harness: the schema built the way `reos serve` builds it, each operation run with
//! `schema.execute()` inside its own tenant transaction (committed when it has no errors, rolled
//! back otherwise), on SQLite in a temp folder or on a fresh PostgreSQL database reached as the
//! non-owner, RLS-bound service role. No HTTP server: status codes, headers, negotiation, uploads
//! and WebSockets are tested over HTTP in the `api` crate.
use crate::support::test_app::{self, Backend};
use async_graphql::{Request, Response, Variables};
use reos::auth::{Principal, Role};
use reos::config::Settings;
use reos::events::{EventBus, Outbox};
use reos::graphql::{ReosSchema, RequestCtx};
use reos::persistence::{Database, TenantId, TenantTx};
use reos::services::documents::Documents;
use reos::services::property_import::PipelineConfig;
use reos::services::users::{Access, UserDirectory};
use secrecy::SecretString;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tempfile::TempDir;

/// One backend's database and the schema that runs against it.
pub struct Harness {
    pub schema: ReosSchema,
    db: Database,
    /// Users as authentication sees them; `exec` provisions the caller as the HTTP layer does.
    pub users: Arc<UserDirectory>,
    /// Where committed operations announce their events.
    pub events: EventBus,
    /// Tenant slug → id, looked up once like the server's tenant cache (so lookups do not count
    /// as statements of the operation).
    tenants: Mutex<HashMap<String, TenantId>>,
    _dir: TempDir,
}

/// Who runs an operation: a tenant slug and a role, what a development token would carry.
#[derive(Clone, Debug)]
pub struct Caller {
    pub tenant: String,
    pub role: Role,
}

impl Harness {
    /// A harness on `backend`; None (with a printed note) when it is PostgreSQL and
    /// `REOS_TEST_DATABASE_URL` is not set.
    pub async fn new(backend: Backend) -> Option<Self> {
        Self::with(backend, |_| {}).await
    }

    /// Like [`Harness::new`] with adjusted settings (the same test settings as the api crate's).
    pub async fn with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> Option<Self> {
        reos::telemetry::init_for_tests();
        let dir = tempfile::tempdir().unwrap();
        let mut settings = test_app::settings(&dir);
        if let Backend::Postgres = backend {
            let admin = test_app::pg_admin_url()?;
            let (owner, service) = test_app::fresh_postgres(&admin).await;
            settings.database.url = Some(SecretString::from(service));
            settings.database.owner_url = Some(SecretString::from(owner));
        }
        adjust(&mut settings);
        let db = Database::connect(&settings).await.unwrap();
        db.migrate().await.unwrap();
        // As `Application::build` does: pipeline configuration, graph backend, document store.
        let pipeline = PipelineConfig::load(&settings.pipeline).unwrap();
        let graph = reos::graph::start::backend(&settings, &db).await.unwrap();
        let documents = Arc::new(Documents::from_settings(&settings).unwrap());
        let schema = reos::graphql::build_schema(&settings.graphql, pipeline, graph, Some(documents));
        Some(Self {
            schema,
            db,
            users: Default::default(),
            events: Default::default(),
            tenants: Mutex::default(),
            _dir: dir,
        })
    }

    pub fn db(&self) -> &Database {
        &self.db
    }

    /// Creates a tenant (as the owner) and returns its id.
    pub async fn tenant(&self, slug: &str) -> uuid::Uuid {
        reos::services::tenants::create(&self.db, slug, &format!("{slug} team"))
            .await
            .unwrap()
            .id
    }

    /// The `TenantId` of a tenant the test created, read back from its row.
    pub async fn tenant_id(&self, id: uuid::Uuid) -> TenantId {
        test_app::tenant_id(&self.db, id).await
    }

    /// The `TenantId` of the tenant with this slug, the way the server resolves a token's claim.
    async fn tenant_by_slug(&self, slug: &str) -> TenantId {
        if let Some(t) = self.tenants.lock().unwrap().get(slug) {
            return *t;
        }
        let row = reos::persistence::repositories::tenants::by_slug(&self.db.service, slug)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no tenant {slug}"));
        let id = TenantId::from_row(&row);
        self.tenants.lock().unwrap().insert(slug.to_owned(), id);
        id
    }

    /// A caller of `tenant` with `role`.
    pub fn caller(&self, tenant: &str, role: Role) -> Caller {
        Caller {
            tenant: tenant.to_owned(),
            role,
        }
    }

    /// Runs one operation as a `role` of `tenant`: the caller is provisioned as a user (as
    /// authentication does), then the operation runs in the tenant's transaction with the same
    /// per-request data the HTTP handler attaches; committed when it has no errors.
    pub async fn exec(&self, tenant: &str, role: Role, query: &str, variables: Value) -> Response {
        let request = Request::new(query).variables(Variables::from_json(variables));
        self.exec_request(tenant, role, request).await
    }

    /// [`Harness::exec`] with files attached as a GraphQL multipart request maps them: each
    /// `(variable path, file name, bytes)`, e.g. `("variables.i.file", "roll.csv", b"…")`, where
    /// the variables hold `null` at that path.
    pub async fn exec_with_files(
        &self,
        tenant: &str,
        role: Role,
        query: &str,
        variables: Value,
        files: &[(&str, &str, &[u8])],
    ) -> Response {
        use std::io::{Seek, Write};
        let mut request = Request::new(query).variables(Variables::from_json(variables));
        for (path, name, bytes) in files {
            let mut content = tempfile::tempfile().unwrap();
            content.write_all(bytes).unwrap();
            content.rewind().unwrap();
            let upload = async_graphql::UploadValue {
                filename: (*name).to_owned(),
                content_type: None,
                content,
            };
            request.set_upload(path, upload);
        }
        self.exec_request(tenant, role, request).await
    }

    /// Runs `request` as [`Harness::exec`] does.
    async fn exec_request(&self, tenant: &str, role: Role, request: Request) -> Response {
        let tenant_id = self.tenant_by_slug(tenant).await;
        // The subject a development token for this tenant and role carries.
        let principal = Principal {
            subject: format!("dev-{role}@{tenant}"),
            tenant: tenant.to_owned(),
            roles: vec![role],
            email: None,
            name: None,
        };
        let access = self
            .users
            .access(&self.db.service, tenant_id, &principal.subject, None, role)
            .await
            .unwrap();
        assert!(matches!(access, Access::Active), "{} is deactivated", principal.subject);
        // As the HTTP path does: a document of queries only reads in a read-only transaction
        // (pipelined on PostgreSQL), anything else in a read-write one.
        let read_only = async_graphql::parser::parse_query(&request.query).is_ok_and(|doc| {
            doc.operations
                .iter()
                .all(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Query)
        });
        let tx = Arc::new(match read_only {
            true => TenantTx::begin_read(&self.db, tenant_id).await.unwrap(),
            false => TenantTx::begin(&self.db.service, tenant_id).await.unwrap(),
        });
        let outbox = Outbox::new(self.events.clone(), tenant_id);
        let ctx = RequestCtx {
            principal,
            tx: tx.clone(),
            request_id: uuid::Uuid::new_v4().to_string(),
            role,
        };
        let request = request
            .data(ctx)
            .data(reos::graphql::loaders::loaders(tx.clone()))
            .data(self.users.clone())
            .data(outbox.clone());
        let response = self.schema.execute(request).await;
        let Ok(tx) = Arc::try_unwrap(tx) else {
            panic!("the tenant transaction is still shared after execution");
        };
        if response.is_ok() {
            tx.commit().await.unwrap();
            outbox.committed();
        } else {
            tx.rollback().await.unwrap();
            outbox.rolled_back();
        }
        response
    }

    /// [`Harness::exec`] as `who`, the response as JSON (`data`, and `errors` when there are any).
    pub async fn gql(&self, who: &Caller, query: &str, variables: Value) -> Value {
        let response = self.exec(&who.tenant, who.role, query, variables).await;
        serde_json::to_value(&response).unwrap()
    }

    /// Like [`Harness::gql`] but asserts there were no errors and returns `data`.
    pub async fn data(&self, who: &Caller, query: &str, variables: Value) -> Value {
        let body = self.gql(who, query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Creates a property through the schema and returns its id.
    pub async fn create_property(&self, who: &Caller, city: &str) -> String {
        let d = self
            .data(
                who,
                "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
                serde_json::json!({"i": {"address": {"line1": "1 Main St", "city": city, "state": "IA"}, "propertyType": "SINGLE_FAMILY",
                    "latitude": 42.02, "longitude": -93.62, "livingAreaSf": 1500.0, "listPrice": 250000.0}}),
            )
            .await;
        d["createProperty"]["property"]["id"].as_str().unwrap().to_owned()
    }
}

/// The first error's `extensions.code`.
pub fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or("<none>")
}

/// Runs one async test body (taking a [`Harness`]) on SQLite and on PostgreSQL (when configured).
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn on_sqlite() {
                let backend = $crate::support::test_app::Backend::Sqlite;
                if let Some(h) = $crate::resolvers::harness::Harness::new(backend).await {
                    super::$name(h).await;
                }
            }
            #[tokio::test]
            async fn on_postgres() {
                let backend = $crate::support::test_app::Backend::Postgres;
                if let Some(h) = $crate::resolvers::harness::Harness::new(backend).await {
                    super::$name(h).await;
                }
            }
        }
    };
}
