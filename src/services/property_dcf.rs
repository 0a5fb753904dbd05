//! Builds the DCF engine's raw input (docs/dcf.md) from a property's stored rows, with
//! caller-supplied assumptions overriding the stored ones, and the `valuations` row a run is saved
//! as. Pure (no I/O): validation stays in the engine.
use crate::analytics::dcf::{
    DcfResult, MODEL_VERSION, RawDcfInput, RawExpense, RawHazard, RawKind, RawLease, RawLoan, RawMarketLeasing,
    RawMultifamily, RawRecovery, RawUnitType,
};
use crate::domain::month;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::dcf_inputs::{self, PropertyDcfRows};
use reos_entities::enums::{PropertyType, Recovery};
use reos_entities::{dcf_assumption, lease, valuation};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Top-level assumptions; `None` leaves the stored (or engine-default) value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assumptions {
    pub analysis_start: Option<String>,
    pub hold_years: Option<f64>,
    pub purchase_price: Option<f64>,
    pub discount_rate: Option<f64>,
    pub equity_discount_rate: Option<f64>,
    pub exit_cap_rate: Option<f64>,
    pub selling_cost_pct: Option<f64>,
    pub closing_cost_pct: Option<f64>,
    pub market_rent_growth: Option<f64>,
    pub expense_growth: Option<f64>,
    pub general_vacancy_pct: Option<f64>,
    pub other_income_annual: Option<f64>,
    pub management_fee_pct: Option<f64>,
    pub capital_reserve_annual: Option<f64>,
    pub turnover_months: Option<f64>,
    pub concessions_pct: Option<f64>,
    pub bad_debt_pct: Option<f64>,
}

impl Assumptions {
    pub fn from_row(a: &dcf_assumption::Model) -> Assumptions {
        Assumptions {
            analysis_start: Some(month::format(a.analysis_start)),
            hold_years: Some(f64::from(a.hold_years)),
            purchase_price: None,
            discount_rate: Some(a.discount_rate),
            equity_discount_rate: a.equity_discount_rate,
            exit_cap_rate: Some(a.exit_cap_rate),
            selling_cost_pct: Some(a.selling_cost_pct),
            closing_cost_pct: Some(a.closing_cost_pct),
            market_rent_growth: Some(a.market_rent_growth),
            expense_growth: Some(a.expense_growth),
            general_vacancy_pct: Some(a.general_vacancy_pct),
            other_income_annual: Some(a.other_income_annual),
            management_fee_pct: Some(a.management_fee_pct),
            capital_reserve_annual: Some(a.capital_reserve_annual),
            turnover_months: a.turnover_months.map(f64::from),
            concessions_pct: Some(a.concessions_pct),
            bad_debt_pct: Some(a.bad_debt_pct),
        }
    }

    /// `self` with every value `over` sets replacing it.
    pub fn overlay(self, over: Assumptions) -> Assumptions {
        Assumptions {
            analysis_start: over.analysis_start.or(self.analysis_start),
            hold_years: over.hold_years.or(self.hold_years),
            purchase_price: over.purchase_price.or(self.purchase_price),
            discount_rate: over.discount_rate.or(self.discount_rate),
            equity_discount_rate: over.equity_discount_rate.or(self.equity_discount_rate),
            exit_cap_rate: over.exit_cap_rate.or(self.exit_cap_rate),
            selling_cost_pct: over.selling_cost_pct.or(self.selling_cost_pct),
            closing_cost_pct: over.closing_cost_pct.or(self.closing_cost_pct),
            market_rent_growth: over.market_rent_growth.or(self.market_rent_growth),
            expense_growth: over.expense_growth.or(self.expense_growth),
            general_vacancy_pct: over.general_vacancy_pct.or(self.general_vacancy_pct),
            other_income_annual: over.other_income_annual.or(self.other_income_annual),
            management_fee_pct: over.management_fee_pct.or(self.management_fee_pct),
            capital_reserve_annual: over.capital_reserve_annual.or(self.capital_reserve_annual),
            turnover_months: over.turnover_months.or(self.turnover_months),
            concessions_pct: over.concessions_pct.or(self.concessions_pct),
            bad_debt_pct: over.bad_debt_pct.or(self.bad_debt_pct),
        }
    }
}

/// The engine's spelling of a stored recovery type (the GraphQL input converts through it too).
pub fn raw_recovery(r: Recovery) -> RawRecovery {
    match r {
        Recovery::Nnn => RawRecovery::Nnn,
        Recovery::BaseYear => RawRecovery::BaseYear,
        Recovery::Gross => RawRecovery::Gross,
    }
}

fn raw_lease(l: &lease::Model) -> RawLease {
    if l.vacant {
        return RawLease {
            vacant: Some(true),
            area_sf: Some(l.area_sf),
            mla: Some(l.mla.clone()),
            ..RawLease::default()
        };
    }
    let rec = Some(raw_recovery(l.recovery));
    RawLease {
        vacant: None,
        tenant: l.tenant_name.clone(),
        area_sf: Some(l.area_sf),
        start: l.start_month.map(month::format),
        end: l.end_month.map(month::format),
        rent_psf: l.rent_psf,
        escalation_pct: Some(l.escalation_pct),
        free_rent_months: Some(f64::from(l.free_rent_months)),
        recovery: rec,
        // The engine refuses a stop on a non-base-year lease; a stored stale stop is not an error.
        expense_stop_psf: l.expense_stop_psf.filter(|_| rec == Some(RawRecovery::BaseYear)),
        renewal_probability: l.renewal_probability,
        mla: Some(l.mla.clone()),
    }
}

/// The engine input for `rows`; multifamily when the property type is `multifamily`, commercial
/// otherwise. Purchase price: the override, else `purchase_price`, else `list_price`.
pub fn raw_input(rows: &PropertyDcfRows, overrides: Assumptions) -> RawDcfInput {
    let stored = rows.assumptions.as_ref().map(Assumptions::from_row).unwrap_or_default();
    let a = stored.overlay(overrides);
    let p = &rows.property;
    let multifamily = p.property_type == PropertyType::Multifamily;
    let mut raw = RawDcfInput {
        kind: Some(if multifamily {
            RawKind::Multifamily
        } else {
            RawKind::Commercial
        }),
        analysis_start: a.analysis_start,
        hold_years: a.hold_years,
        purchase_price: a.purchase_price.or(p.purchase_price).or(p.list_price),
        closing_cost_pct: a.closing_cost_pct,
        discount_rate: a.discount_rate,
        equity_discount_rate: a.equity_discount_rate,
        exit_cap_rate: a.exit_cap_rate,
        selling_cost_pct: a.selling_cost_pct,
        market_rent_growth: a.market_rent_growth,
        expense_growth: a.expense_growth,
        general_vacancy_pct: a.general_vacancy_pct,
        other_income_annual: a.other_income_annual,
        expenses: rows
            .expenses
            .iter()
            .map(|e| RawExpense {
                name: Some(e.name.clone()),
                annual: Some(e.annual),
                recoverable: Some(e.recoverable),
            })
            .collect(),
        management_fee_pct: a.management_fee_pct,
        capital_reserve_annual: a.capital_reserve_annual,
        loan: rows.loan.as_ref().map(|l| RawLoan {
            amount: l.amount,
            ltv: l.ltv,
            rate: Some(l.rate),
            amortization_years: Some(l.amortization_years),
            io_months: Some(f64::from(l.io_months)),
            fee_pct: Some(l.fee_pct),
        }),
        // The stored annual cost is the hazard insurance + mitigation of the dcf.md formula, which
        // the engine computes itself from the composite score: passing it as the engine's extra
        // `annual_cost` would count it twice.
        hazard: rows.hazard.as_ref().map(|h| RawHazard {
            composite_score: Some(h.composite_score),
            annual_cost: Some(0.0),
        }),
        ..RawDcfInput::default()
    };
    if multifamily {
        raw.unit_mix = Some(
            rows.units
                .iter()
                .map(|u| RawUnitType {
                    unit_type: Some(u.unit_type.clone()),
                    units: Some(f64::from(u.units)),
                    current_rent: Some(u.current_rent),
                    market_rent: Some(u.market_rent),
                })
                .collect(),
        );
        raw.multifamily = Some(RawMultifamily {
            turnover_months: a.turnover_months,
            concessions_pct: a.concessions_pct,
            bad_debt_pct: a.bad_debt_pct,
        });
    } else {
        raw.building_area_sf = p.building_area_sf;
        raw.leases = Some(rows.leases.iter().map(raw_lease).collect());
        let mla: BTreeMap<String, RawMarketLeasing> = rows
            .profiles
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    RawMarketLeasing {
                        market_rent_psf: Some(m.market_rent_psf),
                        term_years: Some(m.term_years),
                        renewal_probability: Some(m.renewal_probability),
                        downtime_months: Some(f64::from(m.downtime_months)),
                        free_rent_new_months: Some(f64::from(m.free_rent_new_months)),
                        free_rent_renewal_months: Some(f64::from(m.free_rent_renewal_months)),
                        ti_new_psf: Some(m.ti_new_psf),
                        ti_renewal_psf: Some(m.ti_renewal_psf),
                        lc_new_pct: Some(m.lc_new_pct),
                        lc_renewal_pct: Some(m.lc_renewal_pct),
                        escalation_pct: Some(m.escalation_pct),
                        recovery: Some(raw_recovery(m.recovery)),
                    },
                )
            })
            .collect();
        raw.market_leasing = Some(mla);
    }
    raw
}

/// Hex SHA-256 of the canonical input JSON (struct field order, sorted MLA map): the same inputs
/// always hash alike.
pub fn inputs_hash(raw: &RawDcfInput) -> Result<String, serde_json::Error> {
    Ok(crate::domain::hash::sha256_hex(&serde_json::to_vec(raw)?))
}

/// The `valuations` row of a DCF run of property `property_id` on `raw`, by `actor` (the import
/// pipeline's scoring has no caller, only its actor).
pub fn valuation_row(
    tx: &TenantTx,
    actor: &str,
    property_id: Uuid,
    raw: &RawDcfInput,
    result: &DcfResult,
) -> ApiResult<valuation::Model> {
    let mut stored = result.clone();
    stored.ledger = None;
    let json = serde_json::to_value(&stored).map_err(|e| ApiError::Internal(e.into()))?;
    let hash = inputs_hash(raw).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(dcf_inputs::valuation_row(
        tx,
        dcf_inputs::NewDcfValuation {
            property_id,
            model_version: MODEL_VERSION,
            inputs_hash: hash,
            value: result.dcf_value,
            noi_year1: result.noi_year1,
            result: json,
            created_by: actor,
        },
    ))
}

#[cfg(test)]
mod tests;
