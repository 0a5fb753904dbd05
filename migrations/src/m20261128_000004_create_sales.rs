//! Creates `sales`: comparable sales in docs/avm.md's canonical format.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("sales")
                    .col(string("sale_id"))
                    .col(date("sale_date"))
                    .col(double("sale_price"))
                    .col(string("sale_condition"))
                    .col(double("latitude"))
                    .col(double("longitude"))
                    .col(string_null("city"))
                    .col(string_null("state"))
                    .col(string_null("neighborhood"))
                    .col(string("property_type"))
                    .col(string_null("building_type"))
                    .col(double("living_area_sf"))
                    .col(double_null("lot_area_sf"))
                    .col(integer_null("year_built"))
                    .col(integer_null("year_remodeled"))
                    .col(integer_null("bedrooms"))
                    .col(integer_null("full_baths"))
                    .col(integer_null("half_baths"))
                    .col(double_null("basement_sf"))
                    .col(integer_null("garage_cars"))
                    .col(integer_null("condition_score"))
                    .col(string_null("stories"))
                    .col(integer_null("fireplaces"))
                    .col(boolean_null("central_air"))
                    .col(string_null("exterior_condition"))
                    .col(string_null("heating_quality"))
                    .col(double_null("porch_sf"))
                    .col(double_null("deck_sf"))
                    .col(double_null("pool_sf"))
                    .col(double_null("hazard_score"))
                    .col(json("attributes"))
                    .col(created_at())
                    .check(check("sale_price > 0"))
                    .check(check("living_area_sf > 0"))
                    .check(check("lot_area_sf IS NULL OR lot_area_sf > 0"))
                    .check(check("latitude >= -90 AND latitude <= 90"))
                    .check(check("longitude >= -180 AND longitude <= 180"))
                    .check(check("condition_score IS NULL OR condition_score BETWEEN 1 AND 10"))
                    .check(check(
                        "hazard_score IS NULL OR (hazard_score >= 0 AND hazard_score <= 1)",
                    ))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "sales").await?;
        index(manager, "sales", &["tenant_id", "sale_id"], true).await?;
        index(manager, "sales", &["tenant_id", "sale_date"], false).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("sales").to_owned()).await
    }
}
