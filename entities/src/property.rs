//! `properties`: an asset a tenant holds or watches, with address, location and hedonic attributes.
use crate::enums::{PipelineStage, PropertyStatus, PropertyType};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "properties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub external_id: Option<String>,
    pub name: Option<String>,
    pub address_line1: String,
    pub unit: Option<String>,
    pub city: String,
    pub state: String,
    pub postal_code: Option<String>,
    pub normalized_address: Option<String>,
    pub address_hash: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `single_family`, `condo`, `townhouse`, `multifamily`, `office`, `retail`, `industrial`, `mixed_use`, `land`.
    pub property_type: PropertyType,
    pub building_type: Option<String>,
    pub neighborhood: Option<String>,
    pub living_area_sf: Option<f64>,
    pub lot_area_sf: Option<f64>,
    pub year_built: Option<i32>,
    pub year_remodeled: Option<i32>,
    pub bedrooms: Option<i32>,
    pub full_baths: Option<i32>,
    pub half_baths: Option<i32>,
    pub basement_sf: Option<f64>,
    pub garage_cars: Option<i32>,
    /// 1–10.
    pub condition_score: Option<i32>,
    pub stories: Option<String>,
    pub fireplaces: Option<i32>,
    pub central_air: Option<bool>,
    pub porch_sf: Option<f64>,
    pub deck_sf: Option<f64>,
    pub pool_sf: Option<f64>,
    pub list_price: Option<f64>,
    pub purchase_price: Option<f64>,
    pub units_count: Option<i32>,
    pub building_area_sf: Option<f64>,
    pub parking_spaces: Option<i32>,
    /// `active`, `under_contract`, `owned`, `sold`, `archived`.
    pub status: PropertyStatus,
    /// `sourced`, `screening`, `underwriting`, `due_diligence`, `closed`, `rejected`.
    pub pipeline_stage: PipelineStage,
    pub source: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
