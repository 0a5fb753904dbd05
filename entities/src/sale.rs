//! `sales`: comparable sales in the canonical format of docs/avm.md; extra columns in `attributes`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sales")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// The file's `sale_id`, unique per tenant.
    pub sale_id: String,
    pub sale_date: Date,
    pub sale_price: f64,
    pub sale_condition: String,
    pub latitude: f64,
    pub longitude: f64,
    pub city: Option<String>,
    pub state: Option<String>,
    pub neighborhood: Option<String>,
    pub property_type: String,
    pub building_type: Option<String>,
    pub living_area_sf: f64,
    pub lot_area_sf: Option<f64>,
    pub year_built: Option<i32>,
    pub year_remodeled: Option<i32>,
    pub bedrooms: Option<i32>,
    pub full_baths: Option<i32>,
    pub half_baths: Option<i32>,
    pub basement_sf: Option<f64>,
    pub garage_cars: Option<i32>,
    pub condition_score: Option<i32>,
    pub stories: Option<String>,
    pub fireplaces: Option<i32>,
    pub central_air: Option<bool>,
    pub exterior_condition: Option<String>,
    pub heating_quality: Option<String>,
    pub porch_sf: Option<f64>,
    pub deck_sf: Option<f64>,
    pub pool_sf: Option<f64>,
    pub hazard_score: Option<f64>,
    /// Columns of the import file beyond the canonical ones.
    pub attributes: Json,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
