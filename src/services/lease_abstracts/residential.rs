//! Confirming a residential abstract into a unit lease of a multifamily property (docs/lease.md
//! "Residential leases"): the unit is the abstract's `suite`, merged with the stored unit of that
//! number; the unit type comes from the caller, else the stored unit, else the property's only
//! type (a lease does not say it); then the unit mix follows the unit
//! ([`unit_leases::sync_unit_mix`]), so `propertyDcf` uses the lease's rent.
use super::to_lease::{missing, number, text};
use crate::analytics::rent_roll::rows::Status;
use crate::error::{ApiError, ApiResult};
use crate::persistence::repositories::leases as lease_rows;
use crate::services::caller::{Caller, Origin};
use crate::services::unit_leases::{self, UnitLeaseFields};
use chrono::NaiveDate;
use reos_entities::enums::PropertyType;
use reos_entities::{property, unit_lease, unit_mix};
use serde_json::{Map, Value};

/// Each stored unit-lease field and the abstract fields it is made from (for provenance).
pub const SOURCES: &[(&str, &[&str])] = &[
    ("unit", &["suite"]),
    ("resident", &["tenant"]),
    ("area_sf", &["area_sf"]),
    ("monthly_rent", &["monthly_base_rent", "annual_base_rent"]),
    ("security_deposit", &["security_deposit"]),
    ("late_fee", &["late_fee"]),
    ("start_date", &["commencement"]),
    ("end_date", &["expiration", "term_months"]),
];

/// What a residential confirmation wrote.
pub struct Written {
    pub unit_lease: unit_lease::Model,
    pub unit_type: unit_mix::Model,
    /// Whether a stored unit with the same number was updated (else one was created).
    pub merged: bool,
}

fn date(fields: &Map<String, Value>, name: &str) -> Option<NaiveDate> {
    text(fields, name).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

/// Writes the unit lease the abstract's `fields` describe into multifamily property `prop`.
pub async fn confirm(
    c: &Caller<'_>,
    prop: &property::Model,
    fields: &Map<String, Value>,
    unit_type: Option<String>,
    origin: &Origin,
) -> ApiResult<Written> {
    if prop.property_type != PropertyType::Multifamily {
        return Err(ApiError::bad_input(
            "input.id",
            format!(
                "the document's property is {}: a residential lease is a unit of a multifamily property",
                prop.property_type
            ),
        ));
    }
    let unit = text(fields, "suite").ok_or_else(|| missing("suite", "the unit is required"))?;
    let rent = number(fields, "monthly_base_rent")
        .or_else(|| number(fields, "annual_base_rent").map(|y| (y / 12.0 * 100.0).round() / 100.0))
        .ok_or_else(|| missing("monthly_base_rent", "the monthly rent is required"))?;
    let start = date(fields, "commencement").ok_or_else(|| missing("commencement", "the lease start is required"))?;
    let end = date(fields, "expiration");
    if end.is_some_and(|e| e < start) {
        return Err(missing("expiration", "the lease ends before it starts"));
    }
    let units = lease_rows::unit_leases_of(c.tx, prop.id).await?;
    let found = unit_leases::find(&units, &unit);
    let mix = lease_rows::unit_mix_for(c.tx, &[prop.id])
        .await?
        .remove(&prop.id)
        .unwrap_or_default();
    let given = unit_type.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let stored_type = found.and_then(|u| u.unit_type.clone());
    // A unit keeps its type: moving it would change two unit-mix rows by rules made for one.
    if let (Some(g), Some(s)) = (&given, &stored_type)
        && !g.eq_ignore_ascii_case(s.trim())
    {
        return Err(ApiError::bad_input(
            "input.unitType",
            format!(
                "unit {} is stored as a {s}; confirm it as {s} (or leave unitType out)",
                unit.trim()
            ),
        ));
    }
    let unit_type = match (given, stored_type, mix.as_slice()) {
        (Some(t), _, _) => t,
        (None, Some(t), _) => t,
        (None, None, [only]) => only.unit_type.clone(),
        (None, None, types) => {
            let names: Vec<&str> = types.iter().map(|t| t.unit_type.as_str()).collect();
            return Err(ApiError::bad_input(
                "input.unitType",
                if names.is_empty() {
                    "the lease does not say the unit type and the property has no unit mix: name the type".to_owned()
                } else {
                    format!("the lease does not say the unit type: give one of {}", names.join(", "))
                },
            ));
        }
    };
    let prior = found.filter(|u| u.status != "vacant").and_then(|u| u.monthly_rent);
    let f = UnitLeaseFields {
        unit,
        unit_type: Some(unit_type.clone()),
        resident: text(fields, "tenant"),
        status: Status::Occupied,
        area_sf: number(fields, "area_sf")
            .filter(|a| *a > 0.0)
            .or(found.and_then(|u| u.area_sf)),
        monthly_rent: Some(rent),
        market_rent: found.and_then(|u| u.market_rent),
        security_deposit: number(fields, "security_deposit"),
        late_fee: number(fields, "late_fee"),
        start: Some(start),
        end,
    };
    let saved = unit_leases::save(c, prop.id, found, f, origin).await?;
    let unit_type = unit_leases::sync_unit_mix(c, prop.id, &unit_type, &saved, prior, origin).await?;
    Ok(Written {
        unit_lease: saved,
        unit_type,
        merged: found.is_some(),
    })
}
