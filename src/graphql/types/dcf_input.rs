//! `DcfInput`: the camelCase GraphQL mirror of the DCF engine's snake_case JSON input
//! (docs/dcf.md), with `marketLeasing` a list of named profiles since GraphQL has no maps.
//! Converts into the engine's raw input; validation stays in the engine.
use super::enums::Recovery;
use crate::analytics::dcf::{
    RawDcfInput, RawExpense, RawHazard, RawKind, RawLease, RawLoan, RawMarketLeasing, RawMultifamily, RawRecovery,
    RawUnitType,
};
use crate::error::{ApiError, ApiResult};
use async_graphql::{Enum, InputObject};
use std::collections::BTreeMap;

/// Which rent model the property uses.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum DcfKind {
    /// Lease by lease, with rollover to market leasing profiles.
    Commercial,
    /// Unit mix with loss-to-lease burning off.
    Multifamily,
}

/// A whole DCF request (docs/dcf.md). Optional numbers default to 0 in the engine.
#[derive(InputObject, Debug, Clone)]
#[graphql(name = "DcfInput")]
pub struct DcfInputGql {
    pub kind: DcfKind,
    /// First month, `YYYY-MM`.
    pub analysis_start: String,
    /// Whole years, 1 to 30.
    pub hold_years: i32,
    pub purchase_price: f64,
    pub closing_cost_pct: Option<f64>,
    pub discount_rate: f64,
    pub equity_discount_rate: Option<f64>,
    pub exit_cap_rate: f64,
    pub selling_cost_pct: Option<f64>,
    pub market_rent_growth: Option<f64>,
    pub expense_growth: Option<f64>,
    pub general_vacancy_pct: Option<f64>,
    pub other_income_annual: Option<f64>,
    pub expenses: Option<Vec<DcfExpenseInput>>,
    pub management_fee_pct: Option<f64>,
    pub capital_reserve_annual: Option<f64>,
    pub loan: Option<DcfLoanInput>,
    pub hazard: Option<DcfHazardInput>,
    /// Commercial only.
    pub building_area_sf: Option<f64>,
    /// Commercial only.
    pub leases: Option<Vec<DcfLeaseInput>>,
    /// Commercial only: the profiles leases roll over to, each with a unique `name`.
    pub market_leasing: Option<Vec<DcfMarketLeasingInput>>,
    /// Multifamily only.
    pub unit_mix: Option<Vec<DcfUnitTypeInput>>,
    /// Multifamily only.
    pub multifamily: Option<DcfMultifamilyInput>,
}

/// One operating expense line per year in today's dollars.
#[derive(InputObject, Debug, Clone)]
pub struct DcfExpenseInput {
    pub name: Option<String>,
    pub annual: f64,
    pub recoverable: Option<bool>,
}

/// Acquisition loan: give exactly one of `amount` and `ltv`.
#[derive(InputObject, Debug, Clone)]
pub struct DcfLoanInput {
    pub amount: Option<f64>,
    pub ltv: Option<f64>,
    pub rate: f64,
    pub amortization_years: f64,
    pub io_months: Option<i32>,
    pub fee_pct: Option<f64>,
}

/// Physical-risk overlay.
#[derive(InputObject, Debug, Clone)]
pub struct DcfHazardInput {
    /// 0 to 1.
    pub composite_score: f64,
    pub annual_cost: Option<f64>,
}

/// An in-place lease, or (with `vacant: true`) a suite vacant at analysis start.
#[derive(InputObject, Debug, Clone)]
pub struct DcfLeaseInput {
    pub vacant: Option<bool>,
    pub tenant: Option<String>,
    pub area_sf: Option<f64>,
    /// `YYYY-MM`.
    pub start: Option<String>,
    /// Last month (inclusive), `YYYY-MM`.
    pub end: Option<String>,
    pub rent_psf: Option<f64>,
    pub escalation_pct: Option<f64>,
    pub free_rent_months: Option<i32>,
    pub recovery: Option<Recovery>,
    pub expense_stop_psf: Option<f64>,
    pub renewal_probability: Option<f64>,
    /// Name of the market leasing profile it rolls over to.
    pub mla: Option<String>,
}

/// A named market leasing profile.
#[derive(InputObject, Debug, Clone)]
pub struct DcfMarketLeasingInput {
    pub name: String,
    pub market_rent_psf: f64,
    pub term_years: f64,
    pub renewal_probability: f64,
    pub downtime_months: Option<i32>,
    pub free_rent_new_months: Option<i32>,
    pub free_rent_renewal_months: Option<i32>,
    pub ti_new_psf: Option<f64>,
    pub ti_renewal_psf: Option<f64>,
    pub lc_new_pct: Option<f64>,
    pub lc_renewal_pct: Option<f64>,
    pub escalation_pct: Option<f64>,
    pub recovery: Option<Recovery>,
}

/// One unit type (monthly rents).
#[derive(InputObject, Debug, Clone)]
pub struct DcfUnitTypeInput {
    #[graphql(name = "type")]
    pub unit_type: Option<String>,
    pub units: i32,
    pub current_rent: f64,
    pub market_rent: f64,
}

/// Multifamily-only settings.
#[derive(InputObject, Debug, Clone)]
pub struct DcfMultifamilyInput {
    /// Default 12.
    pub turnover_months: Option<i32>,
    pub concessions_pct: Option<f64>,
    pub bad_debt_pct: Option<f64>,
}

fn recovery(r: Option<Recovery>) -> Option<RawRecovery> {
    r.map(|r| crate::services::property_dcf::raw_recovery(r.into()))
}

fn int(v: Option<i32>) -> Option<f64> {
    v.map(f64::from)
}

impl DcfInputGql {
    /// Profile names in input order, for turning engine paths back into list positions.
    pub fn mla_names(&self) -> Vec<String> {
        self.market_leasing.iter().flatten().map(|m| m.name.clone()).collect()
    }

    /// The engine's raw input; a repeated profile name is refused at `<prefix>.marketLeasing[i].name`.
    pub fn to_raw(&self, prefix: &str) -> ApiResult<RawDcfInput> {
        let market_leasing = match &self.market_leasing {
            None => None,
            Some(list) => {
                let mut map = BTreeMap::new();
                for (i, m) in list.iter().enumerate() {
                    let raw = RawMarketLeasing {
                        market_rent_psf: Some(m.market_rent_psf),
                        term_years: Some(m.term_years),
                        renewal_probability: Some(m.renewal_probability),
                        downtime_months: int(m.downtime_months),
                        free_rent_new_months: int(m.free_rent_new_months),
                        free_rent_renewal_months: int(m.free_rent_renewal_months),
                        ti_new_psf: m.ti_new_psf,
                        ti_renewal_psf: m.ti_renewal_psf,
                        lc_new_pct: m.lc_new_pct,
                        lc_renewal_pct: m.lc_renewal_pct,
                        escalation_pct: m.escalation_pct,
                        recovery: recovery(m.recovery),
                    };
                    if map.insert(m.name.clone(), raw).is_some() {
                        return Err(ApiError::bad_input(
                            format!("{prefix}.marketLeasing[{i}].name"),
                            "names a profile twice",
                        ));
                    }
                }
                Some(map)
            }
        };
        Ok(RawDcfInput {
            kind: Some(match self.kind {
                DcfKind::Commercial => RawKind::Commercial,
                DcfKind::Multifamily => RawKind::Multifamily,
            }),
            analysis_start: Some(self.analysis_start.clone()),
            hold_years: Some(f64::from(self.hold_years)),
            purchase_price: Some(self.purchase_price),
            closing_cost_pct: self.closing_cost_pct,
            discount_rate: Some(self.discount_rate),
            equity_discount_rate: self.equity_discount_rate,
            exit_cap_rate: Some(self.exit_cap_rate),
            selling_cost_pct: self.selling_cost_pct,
            market_rent_growth: self.market_rent_growth,
            expense_growth: self.expense_growth,
            general_vacancy_pct: self.general_vacancy_pct,
            other_income_annual: self.other_income_annual,
            expenses: self
                .expenses
                .iter()
                .flatten()
                .map(|e| RawExpense {
                    name: e.name.clone(),
                    annual: Some(e.annual),
                    recoverable: e.recoverable,
                })
                .collect(),
            management_fee_pct: self.management_fee_pct,
            capital_reserve_annual: self.capital_reserve_annual,
            loan: self.loan.as_ref().map(|l| RawLoan {
                amount: l.amount,
                ltv: l.ltv,
                rate: Some(l.rate),
                amortization_years: Some(l.amortization_years),
                io_months: int(l.io_months),
                fee_pct: l.fee_pct,
            }),
            hazard: self.hazard.as_ref().map(|h| RawHazard {
                composite_score: Some(h.composite_score),
                annual_cost: h.annual_cost,
            }),
            building_area_sf: self.building_area_sf,
            leases: self.leases.as_ref().map(|ls| {
                ls.iter()
                    .map(|l| RawLease {
                        vacant: l.vacant,
                        tenant: l.tenant.clone(),
                        area_sf: l.area_sf,
                        start: l.start.clone(),
                        end: l.end.clone(),
                        rent_psf: l.rent_psf,
                        escalation_pct: l.escalation_pct,
                        free_rent_months: int(l.free_rent_months),
                        recovery: recovery(l.recovery),
                        expense_stop_psf: l.expense_stop_psf,
                        renewal_probability: l.renewal_probability,
                        mla: l.mla.clone(),
                    })
                    .collect()
            }),
            market_leasing,
            unit_mix: self.unit_mix.as_ref().map(|us| {
                us.iter()
                    .map(|u| RawUnitType {
                        unit_type: u.unit_type.clone(),
                        units: Some(f64::from(u.units)),
                        current_rent: Some(u.current_rent),
                        market_rent: Some(u.market_rent),
                    })
                    .collect()
            }),
            multifamily: self.multifamily.as_ref().map(|m| RawMultifamily {
                turnover_months: int(m.turnover_months),
                concessions_pct: m.concessions_pct,
                bad_debt_pct: m.bad_debt_pct,
            }),
        })
    }
}
