//! `loans`: the acquisition loan of a property (docs/dcf.md `loan`), at most one per property;
//! exactly one of `amount` and `ltv` is set.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "loans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Uuid,
    pub amount: Option<f64>,
    pub ltv: Option<f64>,
    pub rate: f64,
    pub amortization_years: f64,
    pub io_months: i32,
    pub fee_pct: f64,
    /// The lender's name (the ownership graph's lender node); optional.
    pub lender: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
