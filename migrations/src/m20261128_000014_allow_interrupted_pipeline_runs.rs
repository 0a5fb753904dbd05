//! `pipeline_runs.outcome` may also be `interrupted`: a command-line import stopped by SIGINT or
//! SIGTERM records the run with the counts of the batches it committed (docs/pipeline.md).
//! PostgreSQL replaces the CHECK constraint. SQLite cannot alter a constraint, so its stored table
//! definition is edited in place — the procedure SQLite documents for loosening a CHECK
//! constraint ("Making Other Kinds Of Table Schema Changes"): existing rows all satisfy the wider
//! constraint, and nothing on disk changes but the schema text.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const NARROW: &str = "'succeeded','blocked','failed')";
const WIDE: &str = "'succeeded','blocked','failed','interrupted')";

/// Drops whichever CHECK constraint names `outcome` (migration 008 let PostgreSQL name it).
const PG_DROP: &str = r#"
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
           WHERE conrelid = 'pipeline_runs'::regclass AND contype = 'c'
             AND pg_get_constraintdef(oid) LIKE '%outcome%'
  LOOP
    EXECUTE format('ALTER TABLE pipeline_runs DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                let sql = format!(
                    "{PG_DROP}
                     ALTER TABLE pipeline_runs ADD CONSTRAINT pipeline_runs_outcome_check
                       CHECK (outcome IN ({WIDE});"
                );
                manager.get_connection().execute_unprepared(&sql).await.map(drop)
            }
            _ => sqlite_replace(manager, NARROW, WIDE).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                // An interrupted run did not finish: the narrower schema calls that `failed`. RLS
                // is forced on the table, so the owner lifts it for this one statement.
                let sql = format!(
                    "ALTER TABLE pipeline_runs NO FORCE ROW LEVEL SECURITY;
                     UPDATE pipeline_runs SET outcome = 'failed' WHERE outcome = 'interrupted';
                     ALTER TABLE pipeline_runs FORCE ROW LEVEL SECURITY;
                     {PG_DROP}
                     ALTER TABLE pipeline_runs ADD CONSTRAINT pipeline_runs_outcome_check
                       CHECK (outcome IN ({NARROW});"
                );
                manager.get_connection().execute_unprepared(&sql).await.map(drop)
            }
            _ => {
                manager
                    .get_connection()
                    .execute_unprepared("UPDATE pipeline_runs SET outcome = 'failed' WHERE outcome = 'interrupted'")
                    .await?;
                sqlite_replace(manager, WIDE, NARROW).await
            }
        }
    }

    /// SQLite too: the schema edit must not be seen half done.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// Replaces `from` by `to` in SQLite's stored definition of `pipeline_runs` and bumps the schema
/// version so every connection reloads it.
async fn sqlite_replace(manager: &SchemaManager<'_>, from: &str, to: &str) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let backend = manager.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'pipeline_runs'",
        ))
        .await?
        .ok_or_else(|| DbErr::Migration("pipeline_runs does not exist".into()))?;
    let sql: String = row.try_get("", "sql")?;
    if !sql.contains(from) {
        return Err(DbErr::Migration(format!(
            "pipeline_runs: expected the outcome check `IN ({from}` in {sql}"
        )));
    }
    let version: i64 = conn
        .query_one_raw(Statement::from_string(backend, "PRAGMA schema_version"))
        .await?
        .ok_or_else(|| DbErr::Migration("PRAGMA schema_version returned nothing".into()))?
        .try_get_by_index(0)?;
    conn.execute_unprepared("PRAGMA writable_schema = ON").await?;
    let updated = conn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'pipeline_runs'",
            [sql.replace(from, to).into()],
        ))
        .await;
    conn.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1))
        .await?;
    conn.execute_unprepared("PRAGMA writable_schema = OFF").await?;
    updated.map(drop)
}
