//! PostgreSQL only: every statement that writes a table the API reads sends
//! `NOTIFY reos_changes` with the writing transaction's tenant (`app.tenant_id`), or `*` when a
//! write runs outside a tenant (the owner role: seeding, maintenance). Notifications are delivered
//! at commit, once per tenant per transaction, to every connected server, which drops the cached
//! responses of that tenant (`src/http/response_cache.rs`). Statement-level, so a bulk import pays
//! one call per statement, not per row. `graph_outbox` is left out here, as when this migration
//! first landed; migration 016 adds its trigger (it had been added to this list afterwards, which
//! changed a released migration's meaning; 016 creates the trigger idempotently, so databases that
//! ran either version end up the same).
use crate::common::postgres_only;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose writes invalidate cached responses (every table but `graph_outbox`, see 016).
const TABLES: &[&str] = &[
    "audit_events",
    "dcf_assumptions",
    "documents",
    "field_provenance",
    "hazard_points",
    "leases",
    "loans",
    "market_leasing_profiles",
    "offers",
    "operating_expenses",
    "owners",
    "pipeline_gate_results",
    "pipeline_runs",
    "properties",
    "property_hazards",
    "property_ownership",
    "sales",
    "tenants",
    "unit_mix",
    "users",
    "valuations",
];

const FUNCTION: &str = r#"
CREATE FUNCTION reos_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('reos_changes', COALESCE(NULLIF(current_setting('app.tenant_id', true), ''), '*'));
  RETURN NULL;
END $$;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let triggers = TABLES.iter().map(|t| {
            format!(
                "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {t}
                   FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();"
            )
        });
        postgres_only(manager, &(FUNCTION.to_owned() + &triggers.collect::<String>())).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drops: String = TABLES
            .iter()
            .map(|t| format!("DROP TRIGGER reos_notify_change ON {t};"))
            .collect();
        postgres_only(manager, &(drops + "DROP FUNCTION reos_notify_change();")).await
    }
}
