//! What a job runs with: the database, the comparable-sales service, the event bus, the worker's
//! name, the graph mirror, the job settings and the market detector's.
use crate::config::JobSettings;
use crate::error::ApiError;
use crate::events::{EventBus, Outbox};
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId, TenantTx};
use crate::services::caller::Caller;
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
    /// The detector and rules of `[market]` (`market_regime`).
    pub regimes: crate::analytics::market::regime::RegimeConfig,
}

impl Ctx {
    /// The caller a job acts as in `tx` (`actor` from [`Ctx::actor`]), its events going to `outbox`.
    pub fn caller<'a>(&self, tx: &'a TenantTx, actor: &'a str, outbox: &'a Outbox) -> Caller<'a> {
        Caller {
            tx,
            actor,
            request_id: None,
            mirror_graph: self.mirror_graph,
            events: Some(outbox),
        }
    }

    /// The actor name a job's writes are recorded under.
    pub fn actor(row: &reos_entities::job::Model) -> String {
        format!("job:{}:{}", row.kind, row.id)
    }

    /// A transaction of tenant `id` (read from the registry, so the id is a real tenant's).
    pub async fn tenant_tx(&self, id: Uuid) -> Result<TenantTx, ApiError> {
        let t = tenants::by_id(&self.db.service, id)
            .await?
            .ok_or_else(|| ApiError::not_found("tenant"))?;
        Ok(TenantTx::begin(&self.db.service, TenantId::from_row(&t)).await?)
    }
}
