//! `Job` (docs/jobs.md): a background job of the tenant — its kind, status, attempts, last error,
//! progress and times.
use async_graphql::{ID, InputObject, Json, Object, SimpleObject};
use reos_entities::job;

pub struct Job(pub job::Model);

#[Object]
impl Job {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// `revalue`, `hazard_refresh`, `graph_sync` or `market_regime`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// `queued`, `running`, `succeeded`, `failed` (waiting for a retry at `runAt`), `dead`
    /// (out of attempts) or `cancelled`.
    async fn status(&self) -> &str {
        &self.0.status
    }
    /// The schedule and fire time that enqueued it (`nightly-revalue@2026-12-08T02:00:00Z`).
    async fn schedule_key(&self) -> Option<&str> {
        self.0.dedupe_key.as_deref()
    }
    /// Not before this time (RFC 3339).
    async fn run_at(&self) -> String {
        self.0.run_at.to_rfc3339()
    }
    async fn attempts(&self) -> i32 {
        self.0.attempts
    }
    async fn max_attempts(&self) -> i32 {
        self.0.max_attempts
    }
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// The worker running it (instance and worker id).
    async fn worker(&self) -> Option<&str> {
        self.0.locked_by.as_deref()
    }
    /// The kind's cursor and counts: `after`, `done`, `total`, `counts` (`comps`, `dcf`,
    /// `assessed`) and `skipped` by reason.
    async fn progress(&self) -> Option<Json<serde_json::Value>> {
        self.0.progress.clone().map(Json)
    }
    async fn created_by(&self) -> &str {
        &self.0.created_by
    }
    async fn created_at(&self) -> String {
        self.0.created_at.to_rfc3339()
    }
    async fn started_at(&self) -> Option<String> {
        self.0.started_at.map(|t| t.to_rfc3339())
    }
    async fn finished_at(&self) -> Option<String> {
        self.0.finished_at.map(|t| t.to_rfc3339())
    }
}

#[derive(InputObject)]
pub struct RunJobInput {
    /// `revalue`, `hazard_refresh`, `graph_sync` or `market_regime`.
    pub kind: String,
}

#[derive(InputObject)]
pub struct CancelJobInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct JobPayload {
    pub job: Job,
}
