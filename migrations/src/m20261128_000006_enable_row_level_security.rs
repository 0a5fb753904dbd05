//! PostgreSQL only: the service role, its grants, and RLS ENABLED + FORCED with a tenant policy on
//! every tenant-owned table created before it. A no-op on SQLite. Later migrations secure the
//! tables they create with the same `enable_rls`; `tests/rls.rs` checks that every table in
//! `reos_entities::TENANT_OWNED_TABLES` ends up secured.
use crate::common::{APP_ROLE, disable_rls, enable_rls};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tenant-owned tables of migrations 1–5. A fixed list, so this migration means the same
/// thing forever whatever tables are added later.
const TABLES: &[&str] = &[
    "users",
    "properties",
    "owners",
    "property_ownership",
    "leases",
    "unit_mix",
    "sales",
    "property_hazards",
    "documents",
    "valuations",
    "field_provenance",
    "audit_events",
];

fn tables() -> impl Iterator<Item = &'static &'static str> {
    TABLES.iter()
}

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
        for table in tables() {
            enable_rls(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for table in tables() {
            disable_rls(manager, table).await?;
        }
        db.execute_unprepared(&format!("REVOKE ALL ON tenants FROM {APP_ROLE}"))
            .await?;
        Ok(())
    }
}
