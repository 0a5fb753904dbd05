//! PostgreSQL only: every statement that writes a table the API reads sends
//! `NOTIFY reos_changes` with the writing transaction's tenant (`app.tenant_id`), or `*` when a
//! write runs outside a tenant (the owner role: seeding, maintenance). Notifications are delivered
//! at commit, once per tenant per transaction, to every connected server, which drops the cached
//! responses of that tenant (`src/http/response_cache.rs`). Statement-level, so a bulk import pays
//! one call per statement, not per row. `graph_outbox` is included although the API never reads
//! it: with the Neo4j engine, graph answers come from the mirror, which the drainer updates after
//! the write's own notification; its deleting the synced outbox rows is the notification that the
//! mirror has caught up.
use crate::common::postgres_only;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose writes invalidate cached responses: all of them.
const TABLES: &[&str] = &[
    "audit_events",
    "dcf_assumptions",
    "documents",
    "field_provenance",
    "graph_outbox",
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
