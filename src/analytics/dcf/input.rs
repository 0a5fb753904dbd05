//! Raw input types: the snake_case JSON of docs/dcf.md exactly as sent, before validation.
//!
//! These are public so that an API layer can mirror them; nothing here is trusted until
//! `DcfInput::from_raw` has checked it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Which rent model the property uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawKind {
    Commercial,
    Multifamily,
}

/// How a tenant reimburses operating expenses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawRecovery {
    Nnn,
    BaseYear,
    #[default]
    Gross,
}

/// The whole valuation request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDcfInput {
    pub kind: Option<RawKind>,
    pub analysis_start: Option<String>,
    pub hold_years: Option<f64>,
    pub purchase_price: Option<f64>,
    pub closing_cost_pct: Option<f64>,
    pub discount_rate: Option<f64>,
    pub equity_discount_rate: Option<f64>,
    pub exit_cap_rate: Option<f64>,
    pub selling_cost_pct: Option<f64>,
    pub market_rent_growth: Option<f64>,
    pub expense_growth: Option<f64>,
    pub general_vacancy_pct: Option<f64>,
    pub other_income_annual: Option<f64>,
    #[serde(default)]
    pub expenses: Vec<RawExpense>,
    pub management_fee_pct: Option<f64>,
    pub capital_reserve_annual: Option<f64>,
    pub loan: Option<RawLoan>,
    pub hazard: Option<RawHazard>,
    pub building_area_sf: Option<f64>,
    pub leases: Option<Vec<RawLease>>,
    pub market_leasing: Option<BTreeMap<String, RawMarketLeasing>>,
    pub unit_mix: Option<Vec<RawUnitType>>,
    pub multifamily: Option<RawMultifamily>,
}

/// One operating expense line, in today's dollars per year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpense {
    pub name: Option<String>,
    pub annual: Option<f64>,
    pub recoverable: Option<bool>,
}

/// Acquisition loan: give exactly one of `amount` and `ltv`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLoan {
    pub amount: Option<f64>,
    pub ltv: Option<f64>,
    pub rate: Option<f64>,
    pub amortization_years: Option<f64>,
    pub io_months: Option<f64>,
    pub fee_pct: Option<f64>,
}

/// Physical-risk overlay from the hazard model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHazard {
    pub composite_score: Option<f64>,
    pub annual_cost: Option<f64>,
}

/// An in-place lease, or (with `vacant: true`) a suite vacant at analysis start.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLease {
    pub vacant: Option<bool>,
    pub tenant: Option<String>,
    pub area_sf: Option<f64>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub rent_psf: Option<f64>,
    pub escalation_pct: Option<f64>,
    pub free_rent_months: Option<f64>,
    pub recovery: Option<RawRecovery>,
    pub expense_stop_psf: Option<f64>,
    pub renewal_probability: Option<f64>,
    pub mla: Option<String>,
}

/// Market leasing assumptions that speculative leases follow on rollover.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarketLeasing {
    pub market_rent_psf: Option<f64>,
    pub term_years: Option<f64>,
    pub renewal_probability: Option<f64>,
    pub downtime_months: Option<f64>,
    pub free_rent_new_months: Option<f64>,
    pub free_rent_renewal_months: Option<f64>,
    pub ti_new_psf: Option<f64>,
    pub ti_renewal_psf: Option<f64>,
    pub lc_new_pct: Option<f64>,
    pub lc_renewal_pct: Option<f64>,
    pub escalation_pct: Option<f64>,
    pub recovery: Option<RawRecovery>,
}

/// One unit type of a multifamily rent roll (monthly rents).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnitType {
    #[serde(rename = "type")]
    pub unit_type: Option<String>,
    pub units: Option<f64>,
    pub current_rent: Option<f64>,
    pub market_rent: Option<f64>,
}

/// Multifamily-only settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMultifamily {
    pub turnover_months: Option<f64>,
    pub concessions_pct: Option<f64>,
    pub bad_debt_pct: Option<f64>,
}
