//! Multifamily unit leases (docs/lease.md "Residential leases"): the units of a property, written
//! by a multifamily rent roll (merged by unit) and by a confirmed residential lease abstract (one
//! unit), and the rule that keeps the unit mix the DCF reads in step with them. Writes carry audit
//! and field provenance like every other.
use super::caller::{Caller, Origin};
use super::leases::{self, UnitMixFields};
use crate::analytics::rent_roll::metrics::UnitType;
use crate::analytics::rent_roll::rows::Status;
use crate::analytics::rent_roll::stored::{self, StoredUnit};
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::leases as lease_rows;
use chrono::NaiveDate;
use reos_entities::{unit_lease, unit_mix};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// A unit lease's fields (monthly rents).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitLeaseFields {
    pub unit: String,
    pub unit_type: Option<String>,
    pub resident: Option<String>,
    pub status: Status,
    pub area_sf: Option<f64>,
    pub monthly_rent: Option<f64>,
    pub market_rent: Option<f64>,
    pub security_deposit: Option<f64>,
    pub late_fee: Option<f64>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// The stored spelling of a status.
pub fn status_str(s: Status) -> &'static str {
    match s {
        Status::Occupied => "occupied",
        Status::Vacant => "vacant",
        Status::Notice => "notice",
    }
}

/// A unit lease as field → JSON (for provenance).
pub fn unit_lease_map(u: &unit_lease::Model) -> Map<String, Value> {
    let date = |d: Option<NaiveDate>| json!(d.map(|d| d.to_string()));
    let pairs = [
        ("unit", json!(u.unit)),
        ("unit_type", json!(u.unit_type)),
        ("resident", json!(u.resident)),
        ("status", json!(u.status)),
        ("area_sf", json!(u.area_sf)),
        ("monthly_rent", json!(u.monthly_rent)),
        ("market_rent", json!(u.market_rent)),
        ("security_deposit", json!(u.security_deposit)),
        ("late_fee", json!(u.late_fee)),
        ("start_date", date(u.start_date)),
        ("end_date", date(u.end_date)),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Whether stored unit `u` already has fields `f`.
pub fn unchanged(u: &unit_lease::Model, f: &UnitLeaseFields) -> bool {
    u.unit == f.unit
        && u.unit_type == f.unit_type
        && u.resident == f.resident
        && u.status == status_str(f.status)
        && u.area_sf == f.area_sf
        && u.monthly_rent == f.monthly_rent
        && u.market_rent == f.market_rent
        && u.security_deposit == f.security_deposit
        && u.late_fee == f.late_fee
        && u.start_date == f.start
        && u.end_date == f.end
}

/// The unit leases of property `property_id`, by unit (NOT_FOUND for malformed, unknown and
/// other tenants' ids).
pub async fn of_property(tx: &TenantTx, property_id: &str) -> ApiResult<Vec<unit_lease::Model>> {
    let id = super::properties::find(tx, property_id).await?.id;
    Ok(lease_rows::unit_leases_of(tx, id).await?)
}

/// The unit leases of the tenant's property `property` (already read), by unit.
pub async fn of(tx: &TenantTx, property: Uuid) -> ApiResult<Vec<unit_lease::Model>> {
    Ok(lease_rows::unit_leases_of(tx, property).await?)
}

/// The stored unit of `units` named `unit` (trimmed, case-insensitive).
pub fn find<'a>(units: &'a [unit_lease::Model], unit: &str) -> Option<&'a unit_lease::Model> {
    units.iter().find(|u| u.unit.trim().eq_ignore_ascii_case(unit.trim()))
}

fn check(f: &UnitLeaseFields) -> ApiResult<()> {
    crate::domain::rules::non_empty("unit", Some(&f.unit))?;
    if let (Some(s), Some(e)) = (f.start, f.end)
        && e < s
    {
        return Err(ApiError::bad_input(
            "end",
            format!("the lease end {e} is before its start {s}"),
        ));
    }
    Ok(())
}

/// Writes unit `f` of property `property`: updates `existing` (the same unit) or creates it, with
/// provenance from `origin`.
pub async fn save(
    c: &Caller<'_>,
    property: Uuid,
    existing: Option<&unit_lease::Model>,
    f: UnitLeaseFields,
    origin: &Origin,
) -> ApiResult<unit_lease::Model> {
    check(&f)?;
    let now = chrono::Utc::now();
    let (mut am, before): (unit_lease::ActiveModel, _) = match existing {
        Some(u) => (u.clone().into(), Some(unit_lease_map(u))),
        None => (
            unit_lease::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(c.tenant()),
                property_id: Set(property),
                created_at: Set(now),
                ..Default::default()
            },
            None,
        ),
    };
    am.unit = Set(f.unit.trim().to_owned());
    am.unit_type = Set(f.unit_type);
    am.resident = Set(f.resident);
    am.status = Set(status_str(f.status).to_owned());
    am.area_sf = Set(f.area_sf);
    am.monthly_rent = Set(f.monthly_rent);
    am.market_rent = Set(f.market_rent);
    am.security_deposit = Set(f.security_deposit);
    am.late_fee = Set(f.late_fee);
    am.start_date = Set(f.start);
    am.end_date = Set(f.end);
    am.updated_at = Set(now);
    let saved = match existing {
        Some(_) => am.update(c.tx.conn().await?).await?,
        None => am.insert(c.tx.conn().await?).await?,
    };
    c.provenance_from("unit_lease", saved.id, before, unit_lease_map(&saved), origin)
        .await?;
    let action = if existing.is_some() { "update" } else { "create" };
    c.audit(
        action,
        "unit_lease",
        Some(saved.id),
        json!({"property_id": property, "unit": saved.unit}),
    )
    .await?;
    Ok(saved)
}

/// Deletes unit lease `id`.
pub async fn delete(c: &Caller<'_>, id: Uuid) -> ApiResult<Uuid> {
    c.delete::<unit_lease::Entity>(&id.to_string(), "unit lease", "unit_lease")
        .await
}

/// The unit-mix fields of a unit type of a roll or of unit leases: its unit count, average area,
/// average actual rent of its occupied units (its average market rent when none is occupied) and
/// average market rent (its average actual rent when no unit states one).
pub fn mix_fields(t: &UnitType) -> UnitMixFields {
    let current = t.avg_actual_rent.or(t.avg_market_rent).unwrap_or(0.0);
    UnitMixFields {
        unit_type: t.unit_type.clone(),
        units: i32::try_from(t.units).unwrap_or(i32::MAX),
        avg_area_sf: t.avg_area_sf,
        current_rent: current,
        market_rent: t.avg_market_rent.unwrap_or(current),
    }
}

/// As the metrics read a stored unit.
pub fn stored_unit(u: &unit_lease::Model) -> StoredUnit {
    StoredUnit {
        unit: u.unit.clone(),
        unit_type: u.unit_type.clone(),
        resident: u.resident.clone(),
        vacant: u.status == "vacant",
        area_sf: u.area_sf,
        monthly_rent: u.monthly_rent,
        market_rent: u.market_rent,
        end: u.end_date,
    }
}

/// The unit rule after unit `changed` of type `unit_type` was written (its monthly rent before,
/// if reos knew it): when the property's unit leases of that type are at least as many as the
/// unit mix counts (or the type is not in the mix), the type's row becomes their summary, exactly
/// as a rent roll writes it; otherwise the mix describes units reos does not know one by one,
/// and the changed unit replaces its share of the type's average current rent
/// ([`stored::replaced_average`]; a unit new to reos was counted at the average). Returns the
/// written unit-mix row.
pub async fn sync_unit_mix(
    c: &Caller<'_>,
    property: Uuid,
    unit_type: &str,
    changed: &unit_lease::Model,
    prior_rent: Option<f64>,
    origin: &Origin,
) -> ApiResult<unit_mix::Model> {
    let key = unit_type.trim().to_lowercase();
    let same = |t: Option<&str>| t.is_some_and(|t| t.trim().to_lowercase() == key);
    let units: Vec<StoredUnit> = lease_rows::unit_leases_of(c.tx, property)
        .await?
        .iter()
        .filter(|u| same(u.unit_type.as_deref()))
        .map(stored_unit)
        .collect();
    let mix = lease_rows::unit_mix_for(c.tx, &[property])
        .await?
        .remove(&property)
        .unwrap_or_default();
    let row = mix.into_iter().find(|m| same(Some(&m.unit_type)));
    let counted = row.as_ref().map_or(0, |m| usize::try_from(m.units).unwrap_or(0));
    let fields = if units.len() >= counted {
        let summary = stored::unit_metrics(&units, chrono::Utc::now().date_naive()).unit_mix;
        let Some(t) = summary.first() else {
            return Err(ApiError::Internal(anyhow::anyhow!(
                "unit type {unit_type} has no units"
            )));
        };
        let mut f = mix_fields(t);
        f.unit_type = row
            .as_ref()
            .map_or_else(|| unit_type.trim().to_owned(), |m| m.unit_type.clone());
        f
    } else {
        let Some(m) = row.as_ref() else {
            return Err(ApiError::Internal(anyhow::anyhow!("unit type {unit_type} vanished")));
        };
        let new = changed
            .monthly_rent
            .filter(|_| changed.status != "vacant")
            .unwrap_or(m.current_rent);
        UnitMixFields {
            unit_type: m.unit_type.clone(),
            units: m.units,
            avg_area_sf: m.avg_area_sf,
            current_rent: stored::replaced_average(m.current_rent, counted, prior_rent.unwrap_or(m.current_rent), new),
            market_rent: m.market_rent,
        }
    };
    match row {
        Some(m) => leases::update_unit_mix_from(c, &m.id.to_string(), fields, Some(origin)).await,
        None => leases::create_unit_mix_from(c, &property.to_string(), fields, Some(origin)).await,
    }
}
