//! Writing a multifamily rent roll: each kept unit (vacant ones too) merged into the property's
//! unit lease of the same unit (case-insensitive) or created, units the roll no longer lists
//! deleted (the roll is the whole property); then the unit mix becomes the roll's unit types
//! (same name, case-insensitive: updated; new: created; types the roll no longer has: deleted),
//! each with its unit count, average area, average actual rent of its occupied units (its
//! average market rent when none is occupied) and average market rent (its average actual rent
//! when the roll has no market rent), evidence the rows of its units. A roll states no resident,
//! deposit or late fee: a merged unit keeps its stored ones.
use super::{Written, origin};
use crate::analytics::rent_roll::metrics::UNKNOWN_TYPE;
use crate::analytics::rent_roll::rows::Status;
use crate::analytics::rent_roll::{MultifamilyValues, Preview, Values};
use crate::error::ApiError;
use crate::persistence::repositories::leases as lease_rows;
use crate::services::caller::Caller;
use crate::services::leases::{self, UnitMixFields};
use crate::services::unit_leases::{self, UnitLeaseFields, mix_fields};
use reos_entities::{property, unit_lease, unit_mix};
use std::collections::HashMap;

/// `rows:2-5,8`: the row numbers as ranges.
pub(super) fn rows_evidence(rows: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            rows[i].to_string()
        } else {
            format!("{}-{}", rows[i], rows[j])
        });
        i = j + 1;
    }
    format!("rows:{}", parts.join(","))
}

/// The unit lease of a kept row (`unit` is set: the preview refuses a row without one), over the
/// stored unit if any.
pub(super) fn unit_fields(v: &MultifamilyValues, unit: &str, stored: Option<&unit_lease::Model>) -> UnitLeaseFields {
    let status = v.status.unwrap_or(if v.vacant == Some(true) {
        Status::Vacant
    } else {
        Status::Occupied
    });
    UnitLeaseFields {
        unit: unit.trim().to_owned(),
        unit_type: Some(v.unit_type.clone().unwrap_or_else(|| UNKNOWN_TYPE.to_owned())),
        resident: stored.and_then(|s| s.resident.clone()),
        status,
        area_sf: v.area_sf,
        monthly_rent: v.actual_rent,
        market_rent: v.market_rent,
        security_deposit: stored.and_then(|s| s.security_deposit),
        late_fee: stored.and_then(|s| s.late_fee),
        start: v.move_in,
        end: v.lease_end,
    }
}

fn unchanged_type(s: &unit_mix::Model, f: &UnitMixFields) -> bool {
    s.unit_type == f.unit_type
        && s.units == f.units
        && s.avg_area_sf == f.avg_area_sf
        && s.current_rent == f.current_rent
        && s.market_rent == f.market_rent
}

/// Replaces the property's units with the roll's.
async fn write_units(c: &Caller<'_>, prop: &property::Model, p: &Preview, out: &mut Written) -> Result<(), ApiError> {
    let mut stored: HashMap<String, unit_lease::Model> = lease_rows::unit_leases_of(c.tx, prop.id)
        .await?
        .into_iter()
        .map(|u| (u.unit.trim().to_lowercase(), u))
        .collect();
    for row in p.rows.iter().filter(|r| r.kept) {
        let Values::Multifamily(v) = &row.values else { continue };
        let Some(unit) = v.unit.as_deref() else { continue };
        let found = stored.remove(&unit.trim().to_lowercase());
        let f = unit_fields(v, unit, found.as_ref());
        match &found {
            Some(s) if unit_leases::unchanged(s, &f) => out.units_unchanged += 1,
            _ => {
                let o = origin(&out.source, format!("row:{}", row.row));
                unit_leases::save(c, prop.id, found.as_ref(), f, &o).await?;
                if found.is_some() {
                    out.units_updated += 1;
                } else {
                    out.units_created += 1;
                }
            }
        }
    }
    for gone in stored.into_values() {
        unit_leases::delete(c, gone.id).await?;
        out.units_deleted += 1;
    }
    Ok(())
}

/// Replaces the property's units and unit mix with the roll's.
pub(super) async fn write(
    c: &Caller<'_>,
    prop: &property::Model,
    p: &Preview,
    out: &mut Written,
) -> Result<(), ApiError> {
    let Some(m) = &p.metrics else { return Ok(()) };
    write_units(c, prop, p, out).await?;
    let mut stored: HashMap<String, unit_mix::Model> = HashMap::new();
    let existing = lease_rows::unit_mix_for(c.tx, &[prop.id])
        .await?
        .remove(&prop.id)
        .unwrap_or_default();
    for u in existing {
        stored.entry(u.unit_type.trim().to_lowercase()).or_insert(u);
    }
    let property_id = prop.id.to_string();
    for t in &m.unit_mix {
        let f = mix_fields(t);
        let o = origin(&out.source, rows_evidence(&t.rows));
        match stored.remove(&t.unit_type.trim().to_lowercase()) {
            Some(s) if unchanged_type(&s, &f) => out.unit_types_unchanged += 1,
            Some(s) => {
                leases::update_unit_mix_from(c, &s.id.to_string(), f, Some(&o)).await?;
                out.unit_types_updated += 1;
            }
            None => {
                leases::create_unit_mix_from(c, &property_id, f, Some(&o)).await?;
                out.unit_types_created += 1;
            }
        }
    }
    for gone in stored.into_values() {
        leases::delete_unit_mix(c, &gone.id.to_string()).await?;
        out.unit_types_deleted += 1;
    }
    Ok(())
}
