//! `hazard_points`: a tenant's hazard table — flood, wildfire and heat scores at points; an
//! imported property without scores takes those of the nearest point within the lookup radius.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "hazard_points")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub latitude: f64,
    pub longitude: f64,
    pub flood_score: f64,
    pub wildfire_score: f64,
    pub heat_score: f64,
    /// Where the table came from (file name or provider).
    pub source: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
