//! Creates `market_regimes` (docs/market.md, docs/jobs.md): what the `market_regime` job found for
//! each market of a tenant in the market's latest month — the label, the most probable run
//! length, the probability of a change in the last 3, 6 and 12 months, the current segment's
//! growth and volatility and the whole regime as JSON — one row per market and month, so the
//! history of labels stays when later months arrive.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["market_regimes"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("market_regimes")
                    .col(string("market"))
                    .col(date("month"))
                    .col(string("label"))
                    .col(integer("map_run_length"))
                    .col(double("p_change_3"))
                    .col(double("p_change_6"))
                    .col(double("p_change_12"))
                    .col(date("segment_start"))
                    .col(double("segment_growth"))
                    .col(double_null("segment_volatility"))
                    .col(json("regime"))
                    .col(string("computed_by"))
                    .col(timestamp_with_time_zone("computed_at"))
                    .check(check("label IN ('EXPANSION', 'CONTRACTION', 'RECOVERY', 'STABLE')"))
                    .check(check("map_run_length >= 0"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "market_regimes").await?;
        index(manager, "market_regimes", &["tenant_id", "market", "month"], true).await?;
        secure_tables_init_plan(manager, TABLES).await?;
        postgres_only(
            manager,
            "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON market_regimes
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
