//! The `revalue` job: every property of the tenant valued again as of today — a Comp-Critic
//! valuation (as `runValuation` saves it) and, where the property has leases or a unit mix, a
//! DCF (as `savePropertyDcf` saves it) — each with its model provenance, audit row and
//! `valuationCompleted` event. Properties go in id order, [`CHUNK`] per transaction; the job's
//! progress (the last id done and the counts) is written in the same transaction, so a run that
//! dies is resumed after the last committed chunk and nothing is valued twice. A property that
//! cannot be valued (no comparable sales, missing DCF assumptions) is counted by reason.
use super::context::Ctx;
use crate::error::ApiError;
use crate::events::Outbox;
use crate::persistence::TenantTx;
use crate::persistence::repositories::leases as lease_rows;
use crate::persistence::repositories::scoped;
use crate::services::caller::Caller;
use crate::services::property_dcf::Assumptions;
use crate::services::{stored_dcf, valuations};
use reos_entities::{job, property};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Properties per transaction.
pub const CHUNK: u64 = 200;

/// The job's progress (stored as its `progress`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The last property done (ids ascend).
    pub after: Option<Uuid>,
    pub done: u64,
    pub total: u64,
    pub comps: u64,
    pub dcf: u64,
    /// Properties (or DCFs) not valued, by error code.
    pub skipped: BTreeMap<String, u64>,
}

/// Runs (or resumes) the job; Err is the reason it failed (it is retried).
pub async fn run(ctx: &Ctx, row: &job::Model) -> Result<Progress, String> {
    let mut p: Progress = row
        .progress
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let today = crate::services::valuations::today();
    let actor = format!("job:revalue:{}", row.id);
    loop {
        let tx = ctx.tenant_tx(row.tenant_id).await.map_err(|e| e.message())?;
        let outbox = Outbox::new(ctx.bus.clone(), tx.tenant());
        let c = Caller {
            tx: &tx,
            actor: &actor,
            request_id: None,
            mirror_graph: ctx.mirror_graph,
            events: Some(&outbox),
        };
        if p.total == 0 {
            p.total = scoped::<property::Entity>(&tx)
                .count(tx.conn())
                .await
                .map_err(|e| e.to_string())?;
        }
        let mut q = scoped::<property::Entity>(&tx);
        if let Some(after) = p.after {
            q = q.filter(property::Column::Id.gt(after));
        }
        let ids: Vec<Uuid> = q
            .select_only()
            .column(property::Column::Id)
            .order_by_asc(property::Column::Id)
            .limit(CHUNK)
            .into_tuple()
            .all(tx.conn())
            .await
            .map_err(|e| e.to_string())?;
        if ids.is_empty() {
            tx.rollback().await.map_err(|e| e.to_string())?;
            return Ok(p);
        }
        chunk(&c, &tx, &ids, today, ctx, &mut p)
            .await
            .map_err(|e| e.message())?;
        p.after = ids.last().copied();
        let progress = serde_json::to_value(&p).map_err(|e| e.to_string())?;
        if !super::report(&tx, row.id, &ctx.worker, progress)
            .await
            .map_err(|e| e.message())?
        {
            // Cancelled or taken over: what this chunk did is not kept.
            tx.rollback().await.map_err(|e| e.to_string())?;
            return Err("stopped: the job was cancelled or taken over".into());
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        outbox.committed();
        tracing::debug!(job = %row.id, done = p.done, total = p.total, "revalue chunk committed");
    }
}

async fn chunk(
    c: &Caller<'_>,
    tx: &TenantTx,
    ids: &[Uuid],
    today: chrono::NaiveDate,
    ctx: &Ctx,
    p: &mut Progress,
) -> Result<(), ApiError> {
    let leases = lease_rows::for_properties(tx, ids).await?;
    let units = lease_rows::unit_mix_for(tx, ids).await?;
    for id in ids {
        let s = id.to_string();
        match valuations::run(c, &ctx.comps, &s, today).await {
            Ok(_) => p.comps += 1,
            Err(e @ ApiError::Internal(_)) => return Err(e),
            Err(e) => *p.skipped.entry(format!("comps:{}", e.code())).or_default() += 1,
        }
        if leases.contains_key(id) || units.contains_key(id) {
            match stored_dcf::save(c, &s, Assumptions::default(), false).await {
                Ok(_) => p.dcf += 1,
                Err(e @ ApiError::Internal(_)) => return Err(e),
                Err(e) => *p.skipped.entry(format!("dcf:{}", e.code())).or_default() += 1,
            }
        }
        p.done += 1;
    }
    Ok(())
}
