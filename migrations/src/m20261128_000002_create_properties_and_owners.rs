//! Creates `properties`, `owners`, `property_ownership` and `property_hazards`.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("properties")
                    .col(string_null("external_id"))
                    .col(string_null("name"))
                    .col(string("address_line1"))
                    .col(string_null("unit"))
                    .col(string("city"))
                    .col(string("state"))
                    .col(string_null("postal_code"))
                    .col(string_null("normalized_address"))
                    .col(string_null("address_hash"))
                    .col(double_null("latitude"))
                    .col(double_null("longitude"))
                    .col(string("property_type"))
                    .col(string_null("building_type"))
                    .col(string_null("neighborhood"))
                    .col(double_null("living_area_sf"))
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
                    .col(double_null("porch_sf"))
                    .col(double_null("deck_sf"))
                    .col(double_null("pool_sf"))
                    .col(double_null("list_price"))
                    .col(double_null("purchase_price"))
                    .col(integer_null("units_count"))
                    .col(double_null("building_area_sf"))
                    .col(string("status"))
                    .col(string("pipeline_stage"))
                    .col(string_null("source"))
                    .col(created_at())
                    .col(updated_at())
                    .check(check("latitude IS NULL OR (latitude >= -90 AND latitude <= 90)"))
                    .check(check("longitude IS NULL OR (longitude >= -180 AND longitude <= 180)"))
                    .check(check("(latitude IS NULL) = (longitude IS NULL)"))
                    .check(check("living_area_sf IS NULL OR living_area_sf > 0"))
                    .check(check("lot_area_sf IS NULL OR lot_area_sf > 0"))
                    .check(check("building_area_sf IS NULL OR building_area_sf > 0"))
                    .check(check("year_built IS NULL OR year_built BETWEEN 1600 AND 2200"))
                    .check(check(
                        "year_remodeled IS NULL OR year_built IS NULL OR year_remodeled >= year_built",
                    ))
                    .check(check("bedrooms IS NULL OR bedrooms >= 0"))
                    .check(check("full_baths IS NULL OR full_baths >= 0"))
                    .check(check("half_baths IS NULL OR half_baths >= 0"))
                    .check(check("garage_cars IS NULL OR garage_cars >= 0"))
                    .check(check("condition_score IS NULL OR condition_score BETWEEN 1 AND 10"))
                    .check(check("list_price IS NULL OR list_price > 0"))
                    .check(check("purchase_price IS NULL OR purchase_price > 0"))
                    .check(check("units_count IS NULL OR units_count > 0"))
                    .check(check("status IN ('active','under_contract','owned','sold','archived')"))
                    .check(check(
                        "pipeline_stage IN ('sourced','screening','underwriting','due_diligence','closed','rejected')",
                    ))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "properties").await?;
        index(manager, "properties", &["tenant_id", "external_id"], true).await?;
        index(manager, "properties", &["tenant_id", "created_at"], false).await?;
        index(manager, "properties", &["tenant_id", "city"], false).await?;
        index(manager, "properties", &["tenant_id", "state"], false).await?;
        index(manager, "properties", &["tenant_id", "property_type"], false).await?;
        index(manager, "properties", &["tenant_id", "status"], false).await?;
        index(manager, "properties", &["tenant_id", "list_price"], false).await?;
        index(manager, "properties", &["tenant_id", "latitude", "longitude"], false).await?;
        index(manager, "properties", &["tenant_id", "address_hash"], false).await?;

        manager
            .create_table(
                tenant_table("owners")
                    .col(string("name"))
                    .col(string("normalized_name"))
                    .col(string("owner_type"))
                    .col(string_null("tax_id"))
                    .col(string_null("email"))
                    .col(string_null("phone"))
                    .col(string_null("mailing_address"))
                    .col(created_at())
                    .col(updated_at())
                    .check(check("length(name) > 0"))
                    .check(check(
                        "owner_type IN ('individual','llc','corporation','partnership','trust','reit','fund','government','other')",
                    ))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "owners").await?;
        index(manager, "owners", &["tenant_id", "normalized_name"], false).await?;

        manager
            .create_table(
                tenant_table("property_ownership")
                    .col(uuid("property_id"))
                    .col(uuid("owner_id"))
                    .col(double("share_pct"))
                    .col(date_null("acquired_on"))
                    .col(double_null("acquisition_price"))
                    .col(created_at())
                    .foreign_key(&mut tenant_fk("property_ownership", "property_id", "properties"))
                    .foreign_key(&mut tenant_fk("property_ownership", "owner_id", "owners"))
                    .check(check("share_pct > 0 AND share_pct <= 100"))
                    .check(check("acquisition_price IS NULL OR acquisition_price > 0"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "property_ownership").await?;
        index(
            manager,
            "property_ownership",
            &["tenant_id", "property_id", "owner_id"],
            true,
        )
        .await?;
        index(manager, "property_ownership", &["tenant_id", "owner_id"], false).await?;

        manager
            .create_table(
                tenant_table("property_hazards")
                    .col(uuid("property_id"))
                    .col(double_null("flood_score"))
                    .col(double_null("wildfire_score"))
                    .col(double_null("heat_score"))
                    .col(double("composite_score"))
                    .col(double("annual_cost"))
                    .col(double("value_adjustment_pct"))
                    .col(string("source"))
                    .col(timestamp_with_time_zone("assessed_at"))
                    .foreign_key(&mut tenant_fk("property_hazards", "property_id", "properties"))
                    .check(check("flood_score IS NULL OR (flood_score >= 0 AND flood_score <= 1)"))
                    .check(check(
                        "wildfire_score IS NULL OR (wildfire_score >= 0 AND wildfire_score <= 1)",
                    ))
                    .check(check("heat_score IS NULL OR (heat_score >= 0 AND heat_score <= 1)"))
                    .check(check("composite_score >= 0 AND composite_score <= 1"))
                    .check(check("annual_cost >= 0"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "property_hazards").await?;
        index(
            manager,
            "property_hazards",
            &["tenant_id", "property_id", "assessed_at"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["property_hazards", "property_ownership", "owners", "properties"] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
