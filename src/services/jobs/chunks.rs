//! The driver of jobs that walk a tenant's properties: in id order, [`CHUNK`] per transaction,
//! the job's progress (the last id done and the kind's counts) written in the same transaction
//! as the chunk's work — so a run that dies resumes after the last committed chunk and nothing
//! is done twice — and each chunk's events published after its commit. A job cancelled or taken
//! over meanwhile stops, and the chunk in hand is rolled back.
use super::context::Ctx;
use crate::error::ApiError;
use crate::events::{EventKind, Outbox};
use crate::persistence::TenantTx;
use crate::persistence::repositories::{properties, scoped};
use crate::services::caller::Caller;
use reos_entities::{job, property};
use sea_orm::PaginatorTrait;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Properties per transaction.
pub const CHUNK: u64 = 200;

/// A property-walking job's progress (stored as the job's `progress`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The last property done (ids ascend).
    pub after: Option<Uuid>,
    pub done: u64,
    pub total: u64,
    /// What the kind did, by name (`comps`, `dcf`, `assessed`).
    #[serde(default)]
    pub counts: BTreeMap<String, u64>,
    /// Properties not handled, by reason.
    #[serde(default)]
    pub skipped: BTreeMap<String, u64>,
}

impl Progress {
    pub fn count(&mut self, what: &str) {
        *self.counts.entry(what.to_owned()).or_default() += 1;
    }
    pub fn skip(&mut self, why: &str) {
        self.skip_n(why, 1);
    }
    pub fn skip_n(&mut self, why: &str, n: u64) {
        *self.skipped.entry(why.to_owned()).or_default() += n;
    }
}

/// What one kind does with a chunk of properties (in id order), in the chunk's transaction.
pub trait ChunkWork {
    async fn chunk(
        &self,
        c: &Caller<'_>,
        tx: &TenantTx,
        props: Vec<property::Model>,
        p: &mut Progress,
    ) -> Result<(), ApiError>;
}

/// Runs (or resumes) job `row` with `work`; Err is why it failed (it is retried).
pub async fn run(ctx: &Ctx, row: &job::Model, work: &impl ChunkWork) -> Result<Progress, String> {
    let mut p: Progress = row
        .progress
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let actor = Ctx::actor(row);
    loop {
        let tx = ctx.tenant_tx(row.tenant_id).await.map_err(|e| e.message())?;
        let outbox = Outbox::new(ctx.bus.clone(), tx.tenant());
        let c = ctx.caller(&tx, &actor, &outbox);
        if p.total == 0 {
            p.total = scoped::<property::Entity>(&tx)
                .count(tx.conn().await.map_err(|e| e.to_string())?)
                .await
                .map_err(|e| e.to_string())?;
        }
        let props = properties::after(&tx, p.after, CHUNK)
            .await
            .map_err(|e| e.to_string())?;
        let Some(last) = props.last().map(|x| x.id) else {
            tx.rollback().await.map_err(|e| e.to_string())?;
            return Ok(p);
        };
        let n = props.len() as u64;
        work.chunk(&c, &tx, props, &mut p).await.map_err(|e| e.message())?;
        p.done += n;
        p.after = Some(last);
        let progress = serde_json::to_value(&p).map_err(|e| e.to_string())?;
        let Some(reported) = super::report(&tx, row.id, &ctx.worker, progress)
            .await
            .map_err(|e| e.message())?
        else {
            tx.rollback().await.map_err(|e| e.to_string())?;
            return Err("stopped: the job was cancelled or taken over".into());
        };
        c.after_commit(EventKind::JobProgress(std::sync::Arc::new(reported)));
        tx.commit().await.map_err(|e| e.to_string())?;
        outbox.committed();
        tracing::debug!(job = %row.id, done = p.done, total = p.total, "job chunk committed");
    }
}
