//! `property_hazards`: flood, wildfire and heat scores of a property and their cost and value effect.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "property_hazards")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Uuid,
    pub flood_score: Option<f64>,
    pub wildfire_score: Option<f64>,
    pub heat_score: Option<f64>,
    /// 0–1.
    pub composite_score: f64,
    /// Hazard insurance + mitigation per year (docs/dcf.md's formula on the property's value).
    pub annual_cost: f64,
    pub value_adjustment_pct: f64,
    pub source: String,
    pub assessed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
