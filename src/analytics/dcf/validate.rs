//! Turns a `RawDcfInput` into a `DcfInput`, refusing bad input with the offending field's path.

use super::checks::{
    Res, non_negative, or_zero, positive, rate, required, share, unit_interval, whole, year_month, years_in_months,
};
use super::error::DcfError;
use super::input::{RawDcfInput, RawHazard, RawKind, RawLoan, RawMultifamily, RawUnitType};
use super::model::{DcfInput, Expense, Hazard, Loan, Multifamily, Property, UnitType};
use super::validate_commercial::commercial;

impl DcfInput {
    /// Parses snake_case JSON (docs/dcf.md) and validates it.
    pub fn from_json_str(json: &str) -> Result<DcfInput, DcfError> {
        let raw: RawDcfInput = serde_json::from_str(json).map_err(|e| super::json_path::json_error(json, &e))?;
        DcfInput::from_raw(raw)
    }

    /// Validates raw input; nothing is clamped or guessed.
    pub fn from_raw(raw: RawDcfInput) -> Result<DcfInput, DcfError> {
        let kind = raw.kind.ok_or_else(|| DcfError::invalid("kind", "is required"))?;
        let start_s = raw
            .analysis_start
            .as_deref()
            .ok_or_else(|| DcfError::invalid("analysis_start", "is required"))?;
        let start_month_index = year_month(start_s, "analysis_start")?;
        let hold_years = whole(required(raw.hold_years, "hold_years")?, "hold_years", 1, 30)?;
        let purchase_price = positive(required(raw.purchase_price, "purchase_price")?, "purchase_price")?;
        let expenses = raw
            .expenses
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let f = format!("expenses[{i}].annual");
                Ok(Expense {
                    annual: non_negative(required(e.annual, &f)?, &f)?,
                    recoverable: e.recoverable.unwrap_or(false),
                })
            })
            .collect::<Res<Vec<_>>>()?;
        let property = match kind {
            RawKind::Commercial => {
                for (present, f) in [
                    (raw.unit_mix.is_some(), "unit_mix"),
                    (raw.multifamily.is_some(), "multifamily"),
                ] {
                    if present {
                        return Err(DcfError::invalid(f, "is only allowed for kind multifamily"));
                    }
                }
                Property::Commercial(commercial(&raw, start_month_index)?)
            }
            RawKind::Multifamily => {
                for (present, f) in [
                    (raw.leases.is_some(), "leases"),
                    (raw.market_leasing.is_some(), "market_leasing"),
                    (raw.building_area_sf.is_some(), "building_area_sf"),
                ] {
                    if present {
                        return Err(DcfError::invalid(f, "is only allowed for kind commercial"));
                    }
                }
                Property::Multifamily(multifamily(raw.unit_mix.as_deref(), raw.multifamily.as_ref())?)
            }
        };
        let general_vacancy_pct = share(
            or_zero(raw.general_vacancy_pct, "general_vacancy_pct")?,
            "general_vacancy_pct",
        )?;
        if let Property::Multifamily(mf) = &property
            && general_vacancy_pct + mf.concessions_pct + mf.bad_debt_pct >= 1.0
        {
            return Err(DcfError::invalid(
                "general_vacancy_pct",
                "with concessions_pct and bad_debt_pct it must leave some income (sum < 1)",
            ));
        }
        let exit_cap_rate = required(raw.exit_cap_rate, "exit_cap_rate")?;
        positive(exit_cap_rate, "exit_cap_rate")?;
        Ok(DcfInput {
            start_month_index,
            hold_years,
            purchase_price,
            closing_cost_pct: share(or_zero(raw.closing_cost_pct, "closing_cost_pct")?, "closing_cost_pct")?,
            discount_rate: rate(required(raw.discount_rate, "discount_rate")?, "discount_rate")?,
            equity_discount_rate: match raw.equity_discount_rate {
                Some(r) => Some(rate(
                    required(Some(r), "equity_discount_rate")?,
                    "equity_discount_rate",
                )?),
                None => None,
            },
            exit_cap_rate: rate(exit_cap_rate, "exit_cap_rate")?,
            selling_cost_pct: share(or_zero(raw.selling_cost_pct, "selling_cost_pct")?, "selling_cost_pct")?,
            market_rent_growth: rate(
                or_zero(raw.market_rent_growth, "market_rent_growth")?,
                "market_rent_growth",
            )?,
            expense_growth: rate(or_zero(raw.expense_growth, "expense_growth")?, "expense_growth")?,
            general_vacancy_pct,
            other_income_annual: non_negative(
                or_zero(raw.other_income_annual, "other_income_annual")?,
                "other_income_annual",
            )?,
            expenses,
            management_fee_pct: share(
                or_zero(raw.management_fee_pct, "management_fee_pct")?,
                "management_fee_pct",
            )?,
            capital_reserve_annual: non_negative(
                or_zero(raw.capital_reserve_annual, "capital_reserve_annual")?,
                "capital_reserve_annual",
            )?,
            loan: raw.loan.as_ref().map(|l| loan(l, purchase_price)).transpose()?,
            hazard: raw.hazard.as_ref().map(hazard).transpose()?,
            property,
        })
    }
}

fn loan(l: &RawLoan, price: f64) -> Res<Loan> {
    let amount = match (l.amount, l.ltv) {
        (Some(_), Some(_)) => {
            return Err(DcfError::invalid(
                "loan.ltv",
                "give either loan.amount or loan.ltv, not both",
            ));
        }
        (None, None) => return Err(DcfError::invalid("loan.amount", "loan needs amount or ltv")),
        (Some(a), None) => positive(required(Some(a), "loan.amount")?, "loan.amount")?,
        (None, Some(ltv)) => {
            let ltv = required(Some(ltv), "loan.ltv")?;
            if !(ltv > 0.0 && ltv <= 1.0) {
                return Err(DcfError::invalid("loan.ltv", format!("{ltv} must lie in (0, 1]")));
            }
            ltv * price
        }
    };
    let years = positive(
        required(l.amortization_years, "loan.amortization_years")?,
        "loan.amortization_years",
    )?;
    Ok(Loan {
        amount,
        rate: rate(required(l.rate, "loan.rate")?, "loan.rate")?,
        amortization_months: years_in_months(years, "loan.amortization_years")?,
        io_months: whole(or_zero(l.io_months, "loan.io_months")?, "loan.io_months", 0, 1200)?,
        fee_pct: share(or_zero(l.fee_pct, "loan.fee_pct")?, "loan.fee_pct")?,
    })
}

fn hazard(h: &RawHazard) -> Res<Hazard> {
    let f = "hazard.composite_score";
    Ok(Hazard {
        composite_score: unit_interval(required(h.composite_score, f)?, f)?,
        annual_cost: non_negative(or_zero(h.annual_cost, "hazard.annual_cost")?, "hazard.annual_cost")?,
    })
}

fn multifamily(units: Option<&[RawUnitType]>, mf: Option<&RawMultifamily>) -> Res<Multifamily> {
    let units = units.ok_or_else(|| DcfError::invalid("unit_mix", "is required for kind multifamily"))?;
    if units.is_empty() {
        return Err(DcfError::invalid("unit_mix", "needs at least one unit type"));
    }
    let units = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let f = |n: &str| format!("unit_mix[{i}].{n}");
            Ok(UnitType {
                units: f64::from(whole(required(u.units, &f("units"))?, &f("units"), 0, 1_000_000)?),
                current_rent: non_negative(required(u.current_rent, &f("current_rent"))?, &f("current_rent"))?,
                market_rent: non_negative(required(u.market_rent, &f("market_rent"))?, &f("market_rent"))?,
            })
        })
        .collect::<Res<Vec<_>>>()?;
    let d = RawMultifamily::default();
    let mf = mf.unwrap_or(&d);
    let f = "multifamily.turnover_months";
    Ok(Multifamily {
        units,
        turnover_months: whole(mf.turnover_months.unwrap_or(12.0), f, 1, 1200)?,
        concessions_pct: share(
            or_zero(mf.concessions_pct, "multifamily.concessions_pct")?,
            "multifamily.concessions_pct",
        )?,
        bad_debt_pct: share(
            or_zero(mf.bad_debt_pct, "multifamily.bad_debt_pct")?,
            "multifamily.bad_debt_pct",
        )?,
    })
}

#[cfg(test)]
mod tests;
