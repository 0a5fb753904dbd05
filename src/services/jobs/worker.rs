//! The job worker of one instance: every `poll_ms` it enqueues due schedule times, then visits
//! the tenants in turn — starting one further each round, so no tenant's backlog starves the
//! others — and runs at most one due job per tenant and round, one at a time. Claims lock the row
//! (`FOR UPDATE SKIP LOCKED`), so several instances never run the same job; a job whose worker
//! died is taken over after `stale_secs` and resumes from its progress. Each run is counted in
//! `reos_jobs_total{kind, outcome}` and `reos_job_duration_seconds{kind}`; a failure is logged at
//! error level (and so reaches Sentry when it is configured).
pub use super::context::Ctx;
use super::revalue;
use crate::error::ApiError;
use crate::events::{Event, EventKind};
use crate::persistence::repositories::tenants;
use crate::persistence::{TenantId, TenantTx};
use reos_entities::{job, tenant};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs the worker until the process ends.
pub async fn run_forever(ctx: Ctx) {
    let mut round: usize = 0;
    let poll = Duration::from_millis(ctx.settings.poll_ms);
    tracing::info!(worker = %ctx.worker, "job worker started");
    loop {
        let now = chrono::Utc::now();
        let s = &ctx.settings;
        if let Err(e) = super::schedule::enqueue_due(&ctx.db, &s.schedules, now, s.catch_up_secs, s.max_attempts).await
        {
            tracing::warn!(error = %e.message(), "job schedules not checked");
        }
        let ran = match one_round(&ctx, round).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e.message(), "job round failed");
                0
            }
        };
        round = round.wrapping_add(1);
        if ran == 0 {
            tokio::time::sleep(poll).await;
        }
    }
}

/// One round: at most one job per tenant, tenants in turn from `round`; returns the jobs run.
pub async fn one_round(ctx: &Ctx, round: usize) -> Result<usize, ApiError> {
    let all: Vec<tenant::Model> = tenants::all(&ctx.db.service).await?;
    let mut ran = 0;
    for i in 0..all.len() {
        let t = &all[(round + i) % all.len()];
        if tenant_round(ctx, TenantId::from_row(t)).await? {
            ran += 1;
        }
    }
    Ok(ran)
}

/// Claims and runs the tenant's next due job, if any; true when one ran.
pub async fn tenant_round(ctx: &Ctx, tenant: TenantId) -> Result<bool, ApiError> {
    let tx = TenantTx::begin(&ctx.db.service, tenant).await?;
    let claimed = super::claim(&tx, &ctx.worker, ctx.settings.stale_secs).await?;
    tx.commit().await?;
    match claimed {
        Some(row) => {
            run_one(ctx, row).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Runs a claimed job and records its outcome.
async fn run_one(ctx: &Ctx, row: job::Model) -> Result<(), ApiError> {
    let started = Instant::now();
    tracing::info!(job = %row.id, kind = %row.kind, attempt = row.attempts, "job started");
    let progress =
        |p: Result<super::chunks::Progress, String>| p.and_then(|p| serde_json::to_value(p).map_err(|e| e.to_string()));
    let outcome: Result<serde_json::Value, String> = match row.kind.as_str() {
        "revalue" => {
            let work = revalue::Revalue {
                ctx,
                today: crate::services::valuations::today(),
            };
            progress(super::chunks::run(ctx, &row, &work).await)
        }
        "hazard_refresh" => match hazard_table(ctx, &row).await {
            Ok(Some(table)) => {
                let work = super::hazards::Refresh {
                    table,
                    settings: &ctx.pipeline,
                };
                progress(super::chunks::run(ctx, &row, &work).await)
            }
            Ok(None) => Ok(serde_json::json!({"note": "the tenant has no hazard table (reos import hazards)"})),
            Err(e) => Err(e),
        },
        "graph_sync" => graph_sync(ctx, &row).await,
        "market_regime" => super::market_regime::run(ctx, &row).await,
        other => Err(format!("unknown job kind `{other}`")),
    };
    let tx = ctx.tenant_tx(row.tenant_id).await?;
    let result = outcome.as_ref().map(|_| ()).map_err(Clone::clone);
    if let Ok(progress) = &outcome {
        super::report(&tx, row.id, &ctx.worker, progress.clone()).await?;
    }
    let finished = super::finish(&tx, row.id, &ctx.worker, result, ctx.settings.retry_base_secs).await?;
    let tenant = tx.tenant();
    tx.commit().await?;
    if let Some(j) = &finished {
        ctx.bus.publish(Event {
            tenant,
            kind: EventKind::JobProgress(Arc::new(j.clone())),
        });
    }
    let status = finished.as_ref().map_or("stopped", |j| j.status.as_str());
    if let Some(m) = crate::telemetry::metrics::get() {
        m.jobs.with_label_values(&[&row.kind, status]).inc();
        m.job_duration
            .with_label_values(&[&row.kind])
            .observe(started.elapsed().as_secs_f64());
    }
    match &outcome {
        Ok(_) => {
            tracing::info!(job = %row.id, kind = %row.kind, ms = started.elapsed().as_millis() as u64, status, "job finished")
        }
        Err(e) => tracing::error!(job = %row.id, kind = %row.kind, error = %e, status, "job failed"),
    }
    Ok(())
}

/// The tenant's stored hazard table, if it has points.
async fn hazard_table(ctx: &Ctx, row: &job::Model) -> Result<Option<crate::pipeline::HazardTable>, String> {
    let tx = ctx.tenant_tx(row.tenant_id).await.map_err(|e| e.message())?;
    let points = crate::persistence::repositories::hazard_points::all(&tx)
        .await
        .map_err(|e| e.to_string())?;
    tx.rollback().await.map_err(|e| e.to_string())?;
    if points.is_empty() {
        return Ok(None);
    }
    crate::pipeline::HazardTable::new(points, ctx.pipeline.hazard_radius_m)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// `graph_sync`: rebuilds the tenant's Neo4j mirror (fails when Neo4j is not configured).
async fn graph_sync(ctx: &Ctx, row: &job::Model) -> Result<serde_json::Value, String> {
    let Some(store) = &ctx.graph else {
        return Err("graph_sync needs Neo4j (REOS_NEO4J_URI is not set)".into());
    };
    let t = tenants::by_id(&ctx.db.service, row.tenant_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the tenant is gone")?;
    let (owners, properties) = crate::graph::drain::full_sync(&ctx.db, store, &t.slug)
        .await
        .map_err(|e| e.to_string())?;
    Ok(serde_json::json!({"owners": owners, "properties": properties}))
}
