//! Writing a multifamily rent roll: the property's unit mix becomes the roll's unit types (same
//! name, case-insensitive: updated; new: created; types the roll no longer has: deleted), each with
//! its unit count, average area, average actual rent of its occupied units (its average market rent
//! when none is occupied) and average market rent (its average actual rent when the roll has no
//! market rent), evidence the rows of its units.
use super::{Written, origin};
use crate::analytics::rent_roll::Preview;
use crate::analytics::rent_roll::metrics::UnitType;
use crate::error::ApiError;
use crate::persistence::repositories::leases as lease_rows;
use crate::services::caller::Caller;
use crate::services::leases::{self, UnitMixFields};
use reos_entities::{property, unit_mix};
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

/// The unit-mix fields of a unit type (the preview has refused a type with neither rent).
pub(super) fn fields(t: &UnitType) -> UnitMixFields {
    let current = t.avg_actual_rent.or(t.avg_market_rent).unwrap_or(0.0);
    UnitMixFields {
        unit_type: t.unit_type.clone(),
        units: i32::try_from(t.units).unwrap_or(i32::MAX),
        avg_area_sf: t.avg_area_sf,
        current_rent: current,
        market_rent: t.avg_market_rent.unwrap_or(current),
    }
}

fn unchanged(s: &unit_mix::Model, f: &UnitMixFields) -> bool {
    s.unit_type == f.unit_type
        && s.units == f.units
        && s.avg_area_sf == f.avg_area_sf
        && s.current_rent == f.current_rent
        && s.market_rent == f.market_rent
}

/// Replaces the property's unit mix with the roll's unit types.
pub(super) async fn write(
    c: &Caller<'_>,
    prop: &property::Model,
    p: &Preview,
    out: &mut Written,
) -> Result<(), ApiError> {
    let Some(m) = &p.metrics else { return Ok(()) };
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
        let f = fields(t);
        let o = origin(&out.source, rows_evidence(&t.rows));
        match stored.remove(&t.unit_type.trim().to_lowercase()) {
            Some(s) if unchanged(&s, &f) => out.unit_types_unchanged += 1,
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
