//! State shared by all requests: schema, database, token verifier and the tenant lookup cache.
use super::error_body::error_response;
use crate::auth::Verifier;
use crate::config::Settings;
use crate::graphql::ReosSchema;
use crate::graphql::limits::DocumentLimits;
use crate::graphql::work::WorkCaps;
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId};
use crate::services::users::UserDirectory;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, HeaderValue, RETRY_AFTER};
use actix_web::{HttpRequest, HttpResponse};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, RwLock, Semaphore};
use uuid::Uuid;

pub struct AppState {
    pub settings: Settings,
    /// The schema with its checks as extensions: the cost probe, the WebSocket, and HTTP
    /// operations the probe refused (so they get its errors).
    pub schema: ReosSchema,
    /// The same types without extensions: HTTP operations that passed the probe.
    pub lean: ReosSchema,
    /// Operations known to pass the probe.
    pub checks: crate::graphql::cost::CheckCache,
    pub db: Database,
    pub verifier: Verifier,
    /// Token GraphiQL is pre-filled with (development auth only).
    pub graphiql_token: Option<String>,
    /// Tokens verified recently.
    pub tokens: super::token_cache::TokenCache,
    /// Bus of tenant-scoped events for subscriptions (fanned out across instances on PostgreSQL).
    pub events: crate::events::EventBus,
    /// Set on SIGTERM: `/readyz` answers 503 and subscriptions are closed (1012) while the
    /// instance still serves requests, until the drain begins.
    pub draining: std::sync::atomic::AtomicBool,
    /// Cached query responses (PostgreSQL with `[graphql.response_cache]` on).
    pub responses: Option<std::sync::Arc<super::response_cache::ResponseCache>>,
    /// Users as authentication sees them (provisioning, deactivation).
    pub users: Arc<UserDirectory>,
    /// The document guard's limits, applied before the cost probe and execution.
    pub limits: Arc<DocumentLimits>,
    /// The most work one request may ask for, per role.
    pub work: WorkCaps,
    /// Persisted queries: the manifest and the texts clients registered (Redis or in-process).
    pub persisted: crate::graphql::persisted::PersistedQueryStore,
    /// Bytes of multipart uploads being received, in KiB permits (`uploads_in_flight_mb`).
    uploads: Arc<Semaphore>,
    /// Tenant claim (slug or id) → tenant id. Tenants are never renamed, so entries stay valid.
    tenant_cache: RwLock<HashMap<String, TenantId>>,
}

/// How long an upload waits for room in the in-flight budget before it is refused.
const UPLOAD_WAIT: Duration = Duration::from_secs(10);

impl AppState {
    pub fn new(
        settings: Settings,
        (schema, lean): (ReosSchema, ReosSchema),
        db: Database,
        verifier: Verifier,
        graphiql_token: Option<String>,
        persisted: crate::graphql::persisted::PersistedQueryStore,
    ) -> Self {
        let limits = Arc::new(DocumentLimits::from(&settings.graphql));
        let permits = usize::try_from(settings.graphql.uploads_in_flight_mb.saturating_mul(1024))
            .unwrap_or(Semaphore::MAX_PERMITS)
            .min(Semaphore::MAX_PERMITS);
        Self {
            users: Default::default(),
            limits,
            work: WorkCaps::from_settings(&settings.graphql),
            persisted,
            uploads: Arc::new(Semaphore::new(permits)),
            settings,
            schema,
            lean,
            // Operation texts and variables of up to 8 MiB.
            checks: crate::graphql::cost::CheckCache::new(8 * 1024 * 1024),
            db,
            verifier,
            graphiql_token,
            tokens: Default::default(),
            events: Default::default(),
            draining: Default::default(),
            responses: None,
            tenant_cache: RwLock::new(HashMap::new()),
        }
    }

    /// Reserves room for a multipart body in the in-flight upload budget: its `Content-Length`
    /// (or, without one, the largest multipart request accepted), refused at once when larger
    /// than the budget or the largest request, and after a short wait when the budget stays full.
    pub async fn reserve_upload(&self, http: &HttpRequest) -> Result<OwnedSemaphorePermit, HttpResponse> {
        let request_id = crate::http::request_id::request_id(http);
        let g = &self.settings.graphql;
        let largest = (self.settings.storage.document_max_bytes.max(64 * 1024 * 1024))
            .saturating_mul(self.settings.storage.document_max_files as u64)
            .saturating_add(g.max_body_bytes as u64);
        let length = http
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let budget = g.uploads_in_flight_mb.saturating_mul(1024 * 1024);
        // Without a length the upload takes the whole budget (it can be as large as that).
        let wanted = length.unwrap_or(largest.min(budget));
        if wanted > largest || wanted > budget {
            let msg = format!(
                "the upload is {wanted} bytes; at most {} bytes can be received at once",
                largest.min(budget)
            );
            return Err(error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                "BAD_USER_INPUT",
                Some("BODY_TOO_LARGE"),
                &msg,
                &request_id,
            ));
        }
        let kib = u32::try_from(wanted.div_ceil(1024).max(1)).unwrap_or(u32::MAX);
        match tokio::time::timeout(UPLOAD_WAIT, self.uploads.clone().acquire_many_owned(kib)).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => {
                let mut res = error_response(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "SERVICE_UNAVAILABLE",
                    Some("UPLOADS_BUSY"),
                    "too many uploads are being received; retry shortly",
                    &request_id,
                );
                res.headers_mut().insert(RETRY_AFTER, HeaderValue::from_static("5"));
                Err(res)
            }
        }
    }

    /// Resolves a token's tenant claim (a slug or a tenant id) to an existing tenant.
    pub async fn tenant(&self, claim: &str) -> Result<Option<TenantId>, sea_orm::DbErr> {
        if let Some(t) = self.tenant_cache.read().await.get(claim) {
            return Ok(Some(*t));
        }
        let found = match Uuid::parse_str(claim) {
            Ok(id) => tenants::by_id(&self.db.service, id).await?,
            Err(_) => tenants::by_slug(&self.db.service, claim).await?,
        };
        let id = found.map(|t| TenantId::from_row(&t));
        if let Some(id) = id {
            self.tenant_cache.write().await.insert(claim.to_owned(), id);
        }
        Ok(id)
    }
}
