//! Creates `jobs` (docs/jobs.md): the background job queue. A job belongs to a tenant (RLS like
//! every tenant-owned table; the worker visits tenants in turn, which also makes it fair), has a
//! kind, a status (`queued`, `running`, `succeeded`, `failed` — waiting for a retry —, `dead`,
//! `cancelled`), when it may run, its attempts and last error, its worker's heartbeat and its
//! progress (a resumable cursor and counts). `dedupe_key` (unique per tenant) makes a schedule's
//! fire time enqueue once however many instances see it.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["jobs"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("jobs")
                    .col(string("kind"))
                    .col(string("status"))
                    .col(string_null("dedupe_key"))
                    .col(timestamp_with_time_zone("run_at"))
                    .col(integer("attempts"))
                    .col(integer("max_attempts"))
                    .col(text_null("last_error"))
                    .col(string_null("locked_by"))
                    .col(timestamp_with_time_zone_null("heartbeat_at"))
                    .col(json_null("progress"))
                    .col(string("created_by"))
                    .col(created_at())
                    .col(timestamp_with_time_zone_null("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .check(check(
                        "status IN ('queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled')",
                    ))
                    .check(check("attempts >= 0 AND max_attempts >= 1"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "jobs").await?;
        index(manager, "jobs", &["tenant_id", "dedupe_key"], true).await?;
        index(manager, "jobs", &["tenant_id", "status", "run_at"], false).await?;
        secure_tables_init_plan(manager, TABLES).await?;
        postgres_only(
            manager,
            "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jobs
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
