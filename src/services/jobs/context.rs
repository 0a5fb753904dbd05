//! What a job runs with: the database, the comparable-sales service, the event bus, the worker's
//! name, the graph mirror and the job settings.
use crate::config::JobSettings;
use crate::error::ApiError;
use crate::events::EventBus;
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId, TenantTx};
use crate::services::comps::CompService;
use std::sync::Arc;
use uuid::Uuid;

/// What a worker runs jobs with.
pub struct Ctx {
    pub db: Database,
    pub comps: Arc<CompService>,
    pub bus: EventBus,
    /// This worker's name (instance and a random suffix), recorded as `locked_by`.
    pub worker: String,
    pub mirror_graph: bool,
    pub graph: Option<Arc<crate::graph::neo4j::Neo4jStore>>,
    /// The pipeline's settings (hazard radius and weights of `hazard_refresh`).
    pub pipeline: Arc<crate::pipeline::PipelineSettings>,
    pub settings: JobSettings,
}

impl Ctx {
    /// A transaction of tenant `id` (read from the registry, so the id is a real tenant's).
    pub async fn tenant_tx(&self, id: Uuid) -> Result<TenantTx, ApiError> {
        let t = tenants::by_id(&self.db.service, id)
            .await?
            .ok_or_else(|| ApiError::not_found("tenant"))?;
        Ok(TenantTx::begin(&self.db.service, TenantId::from_row(&t)).await?)
    }
}
