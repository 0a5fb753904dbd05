//! Creates `leases` (commercial, docs/dcf.md fields) and `unit_mix` (multifamily).
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("leases")
                    .col(uuid("property_id"))
                    .col(string_null("tenant_name"))
                    .col(string_null("suite"))
                    .col(boolean("vacant"))
                    .col(double("area_sf"))
                    .col(date_null("start_month"))
                    .col(date_null("end_month"))
                    .col(double_null("rent_psf"))
                    .col(double("escalation_pct"))
                    .col(integer("free_rent_months"))
                    .col(string("recovery"))
                    .col(double_null("expense_stop_psf"))
                    .col(double_null("renewal_probability"))
                    .col(string("mla"))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut tenant_fk("leases", "property_id", "properties"))
                    .check(check("area_sf > 0"))
                    .check(check(
                        "vacant OR (tenant_name IS NOT NULL AND start_month IS NOT NULL AND end_month IS NOT NULL AND rent_psf IS NOT NULL)",
                    ))
                    .check(check("end_month IS NULL OR start_month IS NULL OR end_month >= start_month"))
                    .check(check("rent_psf IS NULL OR rent_psf >= 0"))
                    .check(check("escalation_pct > -1 AND escalation_pct < 1"))
                    .check(check("free_rent_months >= 0"))
                    .check(check("recovery IN ('nnn','base_year','gross')"))
                    .check(check("recovery <> 'base_year' OR vacant OR expense_stop_psf IS NOT NULL"))
                    .check(check("renewal_probability IS NULL OR (renewal_probability >= 0 AND renewal_probability <= 1)"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "leases").await?;
        index(manager, "leases", &["tenant_id", "property_id"], false).await?;
        index(manager, "leases", &["tenant_id", "end_month"], false).await?;

        manager
            .create_table(
                tenant_table("unit_mix")
                    .col(uuid("property_id"))
                    .col(string("unit_type"))
                    .col(integer("units"))
                    .col(double_null("avg_area_sf"))
                    .col(double("current_rent"))
                    .col(double("market_rent"))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut tenant_fk("unit_mix", "property_id", "properties"))
                    .check(check("units > 0"))
                    .check(check("avg_area_sf IS NULL OR avg_area_sf > 0"))
                    .check(check("current_rent >= 0 AND market_rent >= 0"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "unit_mix").await?;
        index(manager, "unit_mix", &["tenant_id", "property_id", "unit_type"], true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("unit_mix").to_owned()).await?;
        manager.drop_table(Table::drop().table("leases").to_owned()).await
    }
}
