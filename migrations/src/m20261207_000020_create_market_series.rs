//! Creates `market_series`: a tenant's monthly market statistics per market (docs/market.md) —
//! median price, sales, volume, listings, months of inventory, any of them missing — unique per
//! tenant, market and month; tenant-owned under RLS (init-plan policy) with the change trigger.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["market_series"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("market_series")
                    .col(string("market"))
                    .col(date("month"))
                    .col(double_null("median_price"))
                    .col(double_null("sales"))
                    .col(double_null("volume"))
                    .col(double_null("listings"))
                    .col(double_null("inventory_months"))
                    .col(updated_at())
                    .check(check("median_price IS NULL OR median_price > 0"))
                    .check(check("sales IS NULL OR sales >= 0"))
                    .check(check("volume IS NULL OR volume >= 0"))
                    .check(check("listings IS NULL OR listings >= 0"))
                    .check(check("inventory_months IS NULL OR inventory_months >= 0"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "market_series").await?;
        index(manager, "market_series", &["tenant_id", "market", "month"], true).await?;
        secure_tables_init_plan(manager, TABLES).await?;
        postgres_only(
            manager,
            "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON market_series
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
