//! State shared by all requests: schema, database, token verifier and the tenant lookup cache.
use crate::auth::Verifier;
use crate::config::Settings;
use crate::graphql::ReosSchema;
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId};
use std::collections::HashMap;
use tokio::sync::RwLock;
use uuid::Uuid;

pub struct AppState {
    pub settings: Settings,
    pub schema: ReosSchema,
    pub db: Database,
    pub verifier: Verifier,
    /// Token GraphiQL is pre-filled with (development auth only).
    pub graphiql_token: Option<String>,
    /// Tokens verified recently.
    pub tokens: super::token_cache::TokenCache,
    /// In-process bus of tenant-scoped events for subscriptions.
    pub events: crate::events::EventBus,
    /// Cached query responses (PostgreSQL with `[graphql.response_cache]` on).
    pub responses: Option<std::sync::Arc<super::response_cache::ResponseCache>>,
    /// Tenant claim (slug or id) → tenant id. Tenants are never renamed, so entries stay valid.
    tenant_cache: RwLock<HashMap<String, TenantId>>,
}

impl AppState {
    pub fn new(
        settings: Settings,
        schema: ReosSchema,
        db: Database,
        verifier: Verifier,
        graphiql_token: Option<String>,
    ) -> Self {
        Self {
            settings,
            schema,
            db,
            verifier,
            graphiql_token,
            tokens: Default::default(),
            events: Default::default(),
            responses: None,
            tenant_cache: RwLock::new(HashMap::new()),
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
        let id = found.map(|t| TenantId(t.id));
        if let Some(id) = id {
            self.tenant_cache.write().await.insert(claim.to_owned(), id);
        }
        Ok(id)
    }
}
