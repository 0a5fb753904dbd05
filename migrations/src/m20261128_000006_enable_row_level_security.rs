//! PostgreSQL only: the service role, its grants, and RLS ENABLED + FORCED with a tenant policy on
//! every tenant-owned table (`reos_entities::TENANT_OWNED_TABLES`). A no-op on SQLite.
use crate::common::APP_ROLE;
use reos_entities::TENANT_OWNED_TABLES;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `current_setting(.., true)` is NULL when never set and '' after a transaction-local value
/// ended; NULLIF makes both "no tenant", which matches no row (instead of a cast error).
const TENANT_SETTING: &str = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        // Roles are cluster-wide: create once, tolerating a concurrent creator.
        db.execute_unprepared(&format!(
            "DO $$ BEGIN
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                 CREATE ROLE {APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
               END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;"
        ))
        .await?;
        db.execute_unprepared(&format!("GRANT SELECT ON tenants TO {APP_ROLE}"))
            .await?;
        for table in TENANT_OWNED_TABLES {
            db.execute_unprepared(&format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {APP_ROLE};
                 ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                 ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
                 CREATE POLICY tenant_isolation ON {table}
                   USING (tenant_id = {TENANT_SETTING})
                   WITH CHECK (tenant_id = {TENANT_SETTING});"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for table in TENANT_OWNED_TABLES {
            db.execute_unprepared(&format!(
                "DROP POLICY IF EXISTS tenant_isolation ON {table};
                 ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
                 ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
                 REVOKE ALL ON {table} FROM {APP_ROLE};"
            ))
            .await?;
        }
        db.execute_unprepared(&format!("REVOKE ALL ON tenants FROM {APP_ROLE}"))
            .await?;
        Ok(())
    }
}
