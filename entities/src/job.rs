//! `jobs`: the background job queue (docs/jobs.md) — one tenant's job of one kind, its status,
//! attempts, worker heartbeat and resumable progress.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// `revalue`, `hazard_refresh`, `graph_sync`.
    pub kind: String,
    /// `queued`, `running`, `succeeded`, `failed` (waiting for a retry), `dead`, `cancelled`.
    pub status: String,
    /// `<schedule>@<fire time>` for a scheduled job: unique per tenant.
    pub dedupe_key: Option<String>,
    /// Not before this time.
    pub run_at: DateTimeUtc,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    /// The worker running it.
    pub locked_by: Option<String>,
    pub heartbeat_at: Option<DateTimeUtc>,
    /// The kind's cursor and counts (`{"after": id, "done": n, "total": n, …}`).
    pub progress: Option<Json>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
