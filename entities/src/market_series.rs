//! `market_series`: one month of a tenant's statistics for one market (docs/market.md); any
//! value may be missing.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "market_series")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// The market's name as imported (a city, a metro, a submarket).
    pub market: String,
    /// The first day of the month.
    pub month: Date,
    pub median_price: Option<f64>,
    pub sales: Option<f64>,
    pub volume: Option<f64>,
    pub listings: Option<f64>,
    pub inventory_months: Option<f64>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
