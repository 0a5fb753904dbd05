//! `dcf_assumptions`: a property's stored DCF assumptions (docs/dcf.md top-level fields), one row
//! per property; `analysis_start` is the first day of its month.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dcf_assumptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Uuid,
    pub analysis_start: Date,
    pub hold_years: i32,
    pub discount_rate: f64,
    pub equity_discount_rate: Option<f64>,
    pub exit_cap_rate: f64,
    pub selling_cost_pct: f64,
    pub closing_cost_pct: f64,
    pub market_rent_growth: f64,
    pub expense_growth: f64,
    pub general_vacancy_pct: f64,
    pub other_income_annual: f64,
    pub management_fee_pct: f64,
    pub capital_reserve_annual: f64,
    /// Multifamily only; the engine's default (12) when None.
    pub turnover_months: Option<i32>,
    pub concessions_pct: f64,
    pub bad_debt_pct: f64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
