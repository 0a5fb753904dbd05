//! From an abstract's fields to a lease's: months from dates, $/sf/yr from whichever rent the
//! lease states, the recovery structure the DCF knows; a term the lease needs but the abstract
//! lacks is refused naming the field to edit, never filled in.
use super::super::leases::LeaseFields;
use crate::analytics::lease::FieldName;
use crate::error::{ApiError, ApiResult};
use reos_entities::enums::Recovery;
use serde_json::{Map, Value};

/// Each stored lease field and the abstract fields it is made from (for provenance).
pub const SOURCES: &[(&str, &[&str])] = &[
    ("tenant_name", &["tenant"]),
    ("suite", &["suite"]),
    ("area_sf", &["area_sf"]),
    ("start_month", &["commencement"]),
    ("end_month", &["expiration", "term_months"]),
    (
        "rent_psf",
        &["rent_psf_annual", "annual_base_rent", "monthly_base_rent"],
    ),
    ("escalation_pct", &["escalation_pct"]),
    ("free_rent_months", &["free_rent_months"]),
    ("recovery", &["recovery"]),
    ("expense_stop_psf", &["expense_stop_psf"]),
];

/// Whether `value` has the type field `name` takes (null always does).
pub fn check_value(name: FieldName, value: &Value) -> Result<(), String> {
    use FieldName::*;
    if value.is_null() {
        return Ok(());
    }
    match name {
        Landlord | Tenant | PremisesAddress | Suite => value
            .as_str()
            .filter(|s| !s.trim().is_empty())
            .map(|_| ())
            .ok_or_else(|| "must be a non-empty string".into()),
        Commencement | Expiration => value
            .as_str()
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .map(|_| ())
            .ok_or_else(|| "must be a date, YYYY-MM-DD".into()),
        Recovery => match value.as_str() {
            Some("nnn" | "gross" | "modified_gross" | "base_year") => Ok(()),
            _ => Err("must be one of nnn, gross, modified_gross, base_year".into()),
        },
        TermMonths | FreeRentMonths | RenewalOptionCount | RenewalTermMonths => value
            .as_u64()
            .filter(|n| *n <= 1200)
            .map(|_| ())
            .ok_or_else(|| "must be a whole number of months or a count (0 to 1200)".into()),
        EscalationPct => value
            .as_f64()
            .filter(|v| (0.0..1.0).contains(v))
            .map(|_| ())
            .ok_or_else(|| "must be a fraction in [0, 1), e.g. 0.03".into()),
        _ => value
            .as_f64()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .map(|_| ())
            .ok_or_else(|| "must be a number, zero or more".into()),
    }
}

fn value<'a>(fields: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    fields.get(name).and_then(|f| f.get("value")).filter(|v| !v.is_null())
}

pub(super) fn number(fields: &Map<String, Value>, name: &str) -> Option<f64> {
    value(fields, name).and_then(Value::as_f64)
}

pub(super) fn text(fields: &Map<String, Value>, name: &str) -> Option<String> {
    value(fields, name).and_then(Value::as_str).map(str::to_owned)
}

pub(super) fn missing(name: &str, why: &str) -> ApiError {
    ApiError::bad_input(format!("fields.{name}"), format!("{why}; set it in `edits`"))
}

/// The lease an abstract describes (`periods`: how many rent periods its schedule has).
pub fn lease_fields(fields: &Map<String, Value>, periods: usize) -> ApiResult<LeaseFields> {
    let area = number(fields, "area_sf")
        .filter(|a| *a > 0.0)
        .ok_or_else(|| missing("area_sf", "the rentable area is required"))?;
    let month = |name: &str| text(fields, name).and_then(|d| d.get(..7).map(str::to_owned));
    let start = month("commencement").ok_or_else(|| missing("commencement", "the commencement date is required"))?;
    let end = month("expiration").ok_or_else(|| missing("expiration", "the expiration date is required"))?;
    let rent_psf = number(fields, "rent_psf_annual")
        .or_else(|| number(fields, "annual_base_rent").map(|y| y / area))
        .or_else(|| number(fields, "monthly_base_rent").map(|m| 12.0 * m / area))
        .ok_or_else(|| {
            missing(
                "rent_psf_annual",
                "the base rent is required (per sf per year, annual or monthly)",
            )
        })?;
    let recovery = match text(fields, "recovery").as_deref() {
        Some("nnn") => Recovery::Nnn,
        Some("gross") => Recovery::Gross,
        Some("base_year") => Recovery::BaseYear,
        Some("modified_gross") => {
            return Err(missing(
                "recovery",
                "modified gross has no DCF equivalent: choose nnn, gross or base_year",
            ));
        }
        _ => return Err(missing("recovery", "the lease's recovery structure is not stated")),
    };
    Ok(LeaseFields {
        tenant_name: Some(text(fields, "tenant").ok_or_else(|| missing("tenant", "the tenant is required"))?),
        suite: text(fields, "suite"),
        vacant: false,
        area_sf: area,
        start: Some(start),
        end: Some(end),
        rent_psf: Some((rent_psf * 100.0).round() / 100.0),
        // Flat rent escalates by nothing; steps that are not one percentage cannot be stored as one.
        escalation_pct: match (number(fields, "escalation_pct"), periods) {
            (Some(p), _) => p,
            (None, 0 | 1) => 0.0,
            (None, _) => {
                return Err(missing(
                    "escalation_pct",
                    "the rent steps are not one constant percentage, and a lease stores one",
                ));
            }
        },
        free_rent_months: number(fields, "free_rent_months").map_or(0, |m| m as i32),
        recovery,
        expense_stop_psf: number(fields, "expense_stop_psf"),
        renewal_probability: None,
        mla: crate::pipeline::children::DEFAULT_MLA.into(),
    })
}
