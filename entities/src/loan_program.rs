//! `loan_programs`: a tenant's lender programs (docs/deal-sizing.md) — at least one sizing test
//! (max LTV, min DSCR, min debt yield) plus the loan's terms.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_programs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub lender: String,
    /// The program's name at the lender; unique per tenant and lender.
    pub name: String,
    pub max_ltv: Option<f64>,
    pub min_dscr: Option<f64>,
    pub min_debt_yield: Option<f64>,
    pub rate: f64,
    /// None or 0: interest-only.
    pub amortization_years: Option<f64>,
    pub io_months: i32,
    pub fee_pct: f64,
    pub term_years: Option<f64>,
    pub notes: Option<String>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
