//! Background jobs (docs/jobs.md): a queue in PostgreSQL (or SQLite) that survives restarts — a
//! tenant's job of one kind, run by whichever instance's worker claims it first (`FOR UPDATE SKIP
//! LOCKED`), retried with exponential backoff, dead after its last attempt, resumable from its
//! progress cursor when its worker died; schedules enqueue a kind for every tenant once per fire
//! time. Here: enqueue, read, list and cancel (the GraphQL and CLI adapters), and the claim and
//! outcome bookkeeping the worker uses.
mod chunks;
mod context;
mod hazards;
mod market_regime;
pub mod revalue;
pub mod schedule;
pub mod worker;

use super::caller::Caller;
use crate::config::JOB_KINDS;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::scoped;
use chrono::{DateTime, Utc};
use reos_entities::job;
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

/// Statuses a job may still run from.
const RUNNABLE: [&str; 2] = ["queued", "failed"];

/// Checks `kind` names a job kind (`field` names the input).
pub fn check_kind(kind: &str, field: &str) -> ApiResult<()> {
    if JOB_KINDS.contains(&kind) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            field,
            format!("`{kind}` is not a job kind; one of {}", JOB_KINDS.join(", ")),
        ))
    }
}

fn new_job(tenant: Uuid, kind: &str, max_attempts: i32, actor: &str, at: DateTime<Utc>) -> job::ActiveModel {
    job::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant),
        kind: Set(kind.to_owned()),
        status: Set("queued".into()),
        dedupe_key: Set(None),
        run_at: Set(at),
        attempts: Set(0),
        max_attempts: Set(max_attempts),
        last_error: Set(None),
        locked_by: Set(None),
        heartbeat_at: Set(None),
        progress: Set(None),
        created_by: Set(actor.to_owned()),
        created_at: Set(at),
        started_at: Set(None),
        finished_at: Set(None),
    }
}

/// Enqueues a job of `kind` for the caller's tenant, to run now.
pub async fn enqueue(c: &Caller<'_>, kind: &str, max_attempts: i32) -> ApiResult<job::Model> {
    check_kind(kind, "input.kind")?;
    let saved = new_job(c.tenant(), kind, max_attempts, c.actor, Utc::now())
        .insert(c.tx.conn().await?)
        .await?;
    c.audit("enqueue", "job", Some(saved.id), serde_json::json!({"kind": kind}))
        .await?;
    tracing::info!(job = %saved.id, kind, "job enqueued");
    Ok(saved)
}

/// Job `id` of the tenant (NOT_FOUND otherwise).
pub async fn get(tx: &TenantTx, id: &str) -> ApiResult<job::Model> {
    super::lookup::one::<job::Entity>(tx, id, "job").await
}

/// The tenant's jobs, newest first, optionally of one status and kind.
pub async fn list(tx: &TenantTx, status: Option<&str>, kind: Option<&str>, limit: u64) -> ApiResult<Vec<job::Model>> {
    let mut q = scoped::<job::Entity>(tx);
    if let Some(s) = status {
        q = q.filter(job::Column::Status.eq(s));
    }
    if let Some(k) = kind {
        q = q.filter(job::Column::Kind.eq(k));
    }
    Ok(q.order_by_desc(job::Column::CreatedAt)
        .order_by_desc(job::Column::Id)
        .limit(limit)
        .all(tx.conn().await?)
        .await?)
}

/// Cancels job `id`: a queued or retrying job never runs; a running one stops before its next
/// chunk (what it committed stays). A finished job is a CONFLICT.
pub async fn cancel(c: &Caller<'_>, id: &str) -> ApiResult<job::Model> {
    let row = get(c.tx, id).await?;
    if finished(&row.status) {
        return Err(ApiError::Conflict(format!("job {id} is already {}", row.status)));
    }
    let mut am: job::ActiveModel = row.into();
    am.status = Set("cancelled".into());
    am.finished_at = Set(Some(Utc::now()));
    let saved = am.update(c.tx.conn().await?).await?;
    c.audit("cancel", "job", Some(saved.id), serde_json::json!({})).await?;
    c.after_commit(crate::events::EventKind::JobProgress(std::sync::Arc::new(
        saved.clone(),
    )));
    Ok(saved)
}

/// Claims the tenant's next due job for `worker` in `tx` (the caller commits): a queued job or
/// a retry whose time has come, or a running job whose worker stopped reporting `stale_secs` ago.
/// Other instances' workers skip the row this one locked.
pub async fn claim(tx: &TenantTx, worker: &str, stale_secs: u64) -> ApiResult<Option<job::Model>> {
    let now = Utc::now();
    let stale = now - chrono::Duration::seconds(i64::try_from(stale_secs).unwrap_or(i64::MAX / 2));
    let due = Condition::any()
        .add(
            Condition::all()
                .add(job::Column::Status.is_in(RUNNABLE))
                .add(job::Column::RunAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(job::Column::Status.eq("running"))
                .add(job::Column::HeartbeatAt.lt(stale)),
        );
    let Some(row) = scoped::<job::Entity>(tx)
        .filter(due)
        .order_by_asc(job::Column::RunAt)
        .order_by_asc(job::Column::Id)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .one(tx.conn().await?)
        .await?
    else {
        return Ok(None);
    };
    let (attempts, started) = (row.attempts + 1, row.started_at.unwrap_or(now));
    let mut am: job::ActiveModel = row.into();
    am.status = Set("running".into());
    am.attempts = Set(attempts);
    am.locked_by = Set(Some(worker.to_owned()));
    am.heartbeat_at = Set(Some(now));
    am.started_at = Set(Some(started));
    am.last_error = Set(None);
    Ok(Some(am.update(tx.conn().await?).await?))
}

/// Job `id` if it is running under `worker` (not cancelled, not taken over by another).
async fn held(tx: &TenantTx, id: Uuid, worker: &str) -> ApiResult<Option<job::Model>> {
    let row = crate::persistence::repositories::find::<job::Entity>(tx, id).await?;
    Ok(row.filter(|r| r.status == "running" && r.locked_by.as_deref() == Some(worker)))
}

/// Job `id` with `progress` stored and its heartbeat refreshed, if it is still this worker's to
/// run (not cancelled, not taken over); None otherwise.
pub async fn report(
    tx: &TenantTx,
    id: Uuid,
    worker: &str,
    progress: serde_json::Value,
) -> ApiResult<Option<job::Model>> {
    let Some(row) = held(tx, id, worker).await? else {
        return Ok(None);
    };
    let mut am: job::ActiveModel = row.into();
    am.heartbeat_at = Set(Some(Utc::now()));
    am.progress = Set(Some(progress));
    Ok(Some(am.update(tx.conn().await?).await?))
}

/// Job `id` of `tenant` as it stands, read in its own read-only transaction (what a
/// `jobProgress` subscriber sees first).
pub async fn current(
    db: &sea_orm::DatabaseConnection,
    tenant: crate::persistence::TenantId,
    id: &str,
) -> ApiResult<job::Model> {
    let tx = TenantTx::begin_as(db, tenant, crate::persistence::tenancy::Access::ReadOnly).await?;
    let row = get(&tx, id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Whether a job in `status` will not change again.
pub fn finished(status: &str) -> bool {
    matches!(status, "succeeded" | "dead" | "cancelled")
}

/// Records how a run of job `id` by `worker` ended: `Ok` succeeded; `Err` is retried after
/// `retry_base_secs × 2^(attempts − 1)` (at most an hour) or, after its last attempt, dead. A job
/// cancelled or taken over meanwhile is left as it is.
pub async fn finish(
    tx: &TenantTx,
    id: Uuid,
    worker: &str,
    outcome: Result<(), String>,
    retry_base_secs: u64,
) -> ApiResult<Option<job::Model>> {
    let Some(row) = held(tx, id, worker).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let (attempts, max) = (row.attempts, row.max_attempts);
    let mut am: job::ActiveModel = row.into();
    am.locked_by = Set(None);
    match outcome {
        Ok(()) => {
            am.status = Set("succeeded".into());
            am.finished_at = Set(Some(now));
        }
        Err(e) if attempts >= max => {
            am.status = Set("dead".into());
            am.last_error = Set(Some(e));
            am.finished_at = Set(Some(now));
        }
        Err(e) => {
            let wait = retry_delay(retry_base_secs, attempts);
            am.status = Set("failed".into());
            am.last_error = Set(Some(e));
            am.run_at = Set(now + chrono::Duration::seconds(i64::try_from(wait).unwrap_or(3_600)));
        }
    }
    Ok(Some(am.update(tx.conn().await?).await?))
}

/// Seconds before retry number `attempts` (1 after the first failure): the base doubled each
/// time, at most an hour.
pub fn retry_delay(base_secs: u64, attempts: i32) -> u64 {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    base_secs.saturating_mul(1u64 << doublings).min(3_600)
}

/// Enqueues `kind` for tenant `tenant` under `dedupe_key` unless that key was already enqueued
/// (by this instance or another); true when this call enqueued it.
pub async fn enqueue_once(
    tx: &TenantTx,
    kind: &str,
    dedupe_key: &str,
    max_attempts: i32,
    at: DateTime<Utc>,
) -> ApiResult<bool> {
    use sea_orm::EntityTrait;
    let mut row = new_job(tx.tenant().uuid(), kind, max_attempts, "scheduler", at);
    row.dedupe_key = Set(Some(dedupe_key.to_owned()));
    let res = job::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([job::Column::TenantId, job::Column::DedupeKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(tx.conn().await?)
        .await?;
    Ok(res > 0)
}

#[cfg(test)]
mod tests;
