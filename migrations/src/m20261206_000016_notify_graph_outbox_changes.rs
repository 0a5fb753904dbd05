//! PostgreSQL only: writes of `graph_outbox` also send `NOTIFY reos_changes` (the trigger of
//! migration 013). The API never reads the outbox, but with the Neo4j engine graph answers come
//! from the mirror, which the drainer updates after the write's own notification: its deleting
//! the synced outbox rows is the notification that the mirror has caught up, so cached graph
//! answers are dropped then. Idempotent: a database that ran the version of 013 that already
//! covered `graph_outbox` has the trigger, which is replaced by the same one.
use crate::common::postgres_only;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = "DROP TRIGGER IF EXISTS reos_notify_change ON graph_outbox;
             CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON graph_outbox
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();";
        postgres_only(manager, sql).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        postgres_only(manager, "DROP TRIGGER IF EXISTS reos_notify_change ON graph_outbox;").await
    }
}
