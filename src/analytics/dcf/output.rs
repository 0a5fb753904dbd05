//! Result types: the output fields of docs/dcf.md (snake_case), yearly rows and the optional
//! monthly ledger.

use serde::Serialize;

/// One valuation. Field names are exactly those of docs/dcf.md; `None` serializes as null.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DcfResult {
    pub noi_year1: f64,
    pub forward_noi: f64,
    /// Hazard-adjusted exit cap actually used.
    pub exit_cap_rate: f64,
    /// Hazard-adjusted unlevered discount rate actually used.
    pub discount_rate: f64,
    pub gross_sale_price: f64,
    pub net_sale_proceeds: f64,
    pub loan_amount: f64,
    pub loan_balance_at_sale: f64,
    pub unlevered_cash_flows: Vec<f64>,
    pub levered_cash_flows: Vec<f64>,
    pub npv: f64,
    pub dcf_value: f64,
    pub unlevered_irr: Option<f64>,
    pub levered_irr: Option<f64>,
    /// True when the unlevered flows change sign more than once (the IRR is the lowest root).
    pub unlevered_irr_multiple_roots: bool,
    pub levered_irr_multiple_roots: bool,
    /// Null when equity (levered CF0) is not an outlay.
    pub equity_multiple: Option<f64>,
    pub cash_on_cash_year1: Option<f64>,
    pub going_in_cap_rate: f64,
    /// Null when no hold year has debt service.
    pub dscr_min: Option<f64>,
    pub dscr_avg: Option<f64>,
    /// Null without a loan.
    pub debt_yield: Option<f64>,
    /// Levered flows at `equity_discount_rate`; null without a loan or without that rate.
    pub levered_npv: Option<f64>,
    pub years: Vec<YearRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ledger: Option<Vec<MonthRow>>,
}

/// Annual operating statement for hold year `year` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearRow {
    pub year: u32,
    pub base_rent: f64,
    pub recoveries: f64,
    pub other_income: f64,
    pub egi: f64,
    pub opex: f64,
    pub noi: f64,
    pub ti: f64,
    pub lc: f64,
    pub capital_reserve: f64,
    pub cfbds: f64,
    pub debt_service: f64,
}

/// One month of the ledger (all M months, forward year included; debt only in hold months).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    /// 0-based month index from analysis_start.
    pub month: usize,
    /// Calendar month, `YYYY-MM`.
    pub date: String,
    pub base_rent: f64,
    pub recoveries: f64,
    pub other_income: f64,
    /// General vacancy and credit loss (multifamily: also concessions and bad debt).
    pub vacancy_loss: f64,
    pub egi: f64,
    pub expenses: f64,
    pub recoverable_pool: f64,
    pub hazard_opex: f64,
    pub management_fee: f64,
    pub opex: f64,
    pub noi: f64,
    pub ti: f64,
    pub lc: f64,
    pub capital_reserve: f64,
    pub cfbds: f64,
    pub debt_service: f64,
    pub loan_balance: f64,
}

/// What to produce besides the headline result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValueOptions {
    /// Include the monthly ledger in `DcfResult::ledger`.
    pub ledger: bool,
}
