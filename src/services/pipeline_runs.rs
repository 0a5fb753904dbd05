//! Pipeline runs as recorded by property imports: one run, the newest-first list, and a run's
//! failed expectations and rejected rows.
use super::lookup;
use crate::error::ApiResult;
use crate::persistence::TenantTx;
use crate::persistence::repositories::scoped;
use reos_entities::{pipeline_gate_result, pipeline_run};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// One run of the tenant (NOT_FOUND for malformed, unknown and other tenants' ids).
pub async fn find(tx: &TenantTx, id: &str) -> ApiResult<pipeline_run::Model> {
    lookup::one::<pipeline_run::Entity>(tx, id, "pipelineRun").await
}

/// The tenant's runs, newest first, `limit` from `offset`, and how many there are in all.
pub async fn page(tx: &TenantTx, offset: u64, limit: u64) -> ApiResult<(u64, Vec<pipeline_run::Model>)> {
    use pipeline_run::Column as C;
    let total = scoped::<pipeline_run::Entity>(tx).count(tx.conn().await?).await?;
    let rows = scoped::<pipeline_run::Entity>(tx)
        .order_by_desc(C::StartedAt)
        .order_by_desc(C::Id)
        .offset(offset)
        .limit(limit)
        .all(tx.conn().await?)
        .await?;
    Ok((total, rows))
}

/// The run's failed expectations and rejected rows, in row order.
pub async fn gate_results(tx: &TenantTx, run_id: Uuid) -> ApiResult<Vec<pipeline_gate_result::Model>> {
    use pipeline_gate_result::Column as C;
    Ok(scoped::<pipeline_gate_result::Entity>(tx)
        .filter(C::RunId.eq(run_id))
        .order_by_asc(C::Row)
        .order_by_asc(C::Id)
        .all(tx.conn().await?)
        .await?)
}
