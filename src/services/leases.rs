//! Leases and unit mix: create, replace and delete, validated before anything is written, with
//! audit, field provenance and (leases) a graph outbox row; and the leases of a property.
use super::caller::{Caller, Origin};
use super::documents::{self, Parent};
use crate::domain::{month, rules};
use crate::error::{ApiError, ApiResult};
use crate::graph::outbox::OutboxKind;
use crate::persistence::TenantTx;
use crate::persistence::object_store::DocumentStore;
use crate::persistence::repositories::leases as lease_rows;
use crate::services::property_import::children::{lease_map, unit_map};
use reos_entities::enums::Recovery;
use reos_entities::{lease, unit_mix};
use sea_orm::{ActiveModelTrait, Set};
use std::sync::Arc;
use uuid::Uuid;

/// A lease's fields (docs/dcf.md); a vacant suite needs only area and MLA.
pub struct LeaseFields {
    pub tenant_name: Option<String>,
    pub suite: Option<String>,
    pub vacant: bool,
    pub area_sf: f64,
    /// First month, `YYYY-MM`.
    pub start: Option<String>,
    /// Last month (inclusive), `YYYY-MM`.
    pub end: Option<String>,
    pub rent_psf: Option<f64>,
    pub escalation_pct: f64,
    pub free_rent_months: i32,
    pub recovery: Recovery,
    pub expense_stop_psf: Option<f64>,
    pub renewal_probability: Option<f64>,
    pub mla: String,
}

/// A unit type's fields.
pub struct UnitMixFields {
    pub unit_type: String,
    pub units: i32,
    pub avg_area_sf: Option<f64>,
    pub current_rent: f64,
    pub market_rent: f64,
}

/// Leases and vacant suites of property `property_id` (NOT_FOUND for malformed, unknown and
/// other tenants' ids).
pub async fn of_property(tx: &TenantTx, property_id: &str) -> ApiResult<Vec<lease::Model>> {
    let id = super::properties::find(tx, property_id).await?.id;
    let mut map = lease_rows::for_properties(tx, &[id]).await?;
    Ok(map.remove(&id).unwrap_or_default())
}

/// Adds a lease or vacant suite to the property `property_id`.
pub async fn create_lease(c: &Caller<'_>, property_id: &str, f: LeaseFields) -> ApiResult<lease::Model> {
    create_lease_from(c, property_id, f, None).await
}

/// [`create_lease`] with the provenance of values read from `origin` (a document, a file).
pub async fn create_lease_from(
    c: &Caller<'_>,
    property_id: &str,
    f: LeaseFields,
    origin: Option<&Origin>,
) -> ApiResult<lease::Model> {
    let property_id = c.parent(property_id).await?;
    let mut am = lease::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        property_id: Set(property_id),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    apply_lease(&mut am, f)?;
    let saved = am.insert(c.tx.conn().await?).await?;
    match origin {
        Some(o) => c.provenance_from("lease", saved.id, None, lease_map(&saved), o).await?,
        None => c.provenance("lease", saved.id, None, lease_map(&saved)).await?,
    }
    c.audit(
        "create",
        "lease",
        Some(saved.id),
        serde_json::json!({"property_id": property_id}),
    )
    .await?;
    c.outbox(OutboxKind::Lease, saved.id).await?;
    Ok(saved)
}

/// Replaces a lease's fields.
pub async fn update_lease(c: &Caller<'_>, id: &str, f: LeaseFields) -> ApiResult<lease::Model> {
    update_lease_from(c, id, f, None).await
}

/// [`update_lease`] with the provenance of values read from `origin` (a document, a file).
pub async fn update_lease_from(
    c: &Caller<'_>,
    id: &str,
    f: LeaseFields,
    origin: Option<&Origin>,
) -> ApiResult<lease::Model> {
    let existing = c.existing::<lease::Entity>(id, "lease").await?;
    let before = lease_map(&existing);
    let mut am: lease::ActiveModel = existing.into();
    apply_lease(&mut am, f)?;
    let saved = am.update(c.tx.conn().await?).await?;
    match origin {
        Some(o) => {
            c.provenance_from("lease", saved.id, Some(before), lease_map(&saved), o)
                .await?
        }
        None => c.provenance("lease", saved.id, Some(before), lease_map(&saved)).await?,
    }
    c.audit("update", "lease", Some(saved.id), serde_json::json!({}))
        .await?;
    c.outbox(OutboxKind::Lease, saved.id).await?;
    Ok(saved)
}

/// Deletes a lease; its documents' objects go once the transaction commits.
pub async fn delete_lease(c: &Caller<'_>, store: Option<&Arc<DocumentStore>>, id: &str) -> ApiResult<Uuid> {
    if let (Some(store), Ok(uuid)) = (store, Uuid::parse_str(id)) {
        documents::objects_follow_cascade(c.tx, store, Parent::Lease(uuid)).await?;
    }
    let deleted = c.delete::<lease::Entity>(id, "lease", "lease").await?;
    c.outbox(OutboxKind::Lease, deleted).await?;
    Ok(deleted)
}

/// Adds a unit type to the multifamily property `property_id`.
pub async fn create_unit_mix(c: &Caller<'_>, property_id: &str, f: UnitMixFields) -> ApiResult<unit_mix::Model> {
    create_unit_mix_from(c, property_id, f, None).await
}

/// [`create_unit_mix`] with the provenance of values read from `origin` (a rent roll).
pub async fn create_unit_mix_from(
    c: &Caller<'_>,
    property_id: &str,
    f: UnitMixFields,
    origin: Option<&Origin>,
) -> ApiResult<unit_mix::Model> {
    let property_id = c.parent(property_id).await?;
    let mut am = unit_mix::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        property_id: Set(property_id),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    apply_unit(&mut am, f)?;
    let saved = am.insert(c.tx.conn().await?).await?;
    match origin {
        Some(o) => {
            c.provenance_from("unit_mix", saved.id, None, unit_map(&saved), o)
                .await?
        }
        None => c.provenance("unit_mix", saved.id, None, unit_map(&saved)).await?,
    }
    c.audit(
        "create",
        "unit_mix",
        Some(saved.id),
        serde_json::json!({"property_id": property_id}),
    )
    .await?;
    Ok(saved)
}

/// Replaces a unit type's fields.
pub async fn update_unit_mix(c: &Caller<'_>, id: &str, f: UnitMixFields) -> ApiResult<unit_mix::Model> {
    update_unit_mix_from(c, id, f, None).await
}

/// [`update_unit_mix`] with the provenance of values read from `origin` (a rent roll).
pub async fn update_unit_mix_from(
    c: &Caller<'_>,
    id: &str,
    f: UnitMixFields,
    origin: Option<&Origin>,
) -> ApiResult<unit_mix::Model> {
    let existing = c.existing::<unit_mix::Entity>(id, "unit mix").await?;
    let before = unit_map(&existing);
    let mut am: unit_mix::ActiveModel = existing.into();
    apply_unit(&mut am, f)?;
    let saved = am.update(c.tx.conn().await?).await?;
    match origin {
        Some(o) => {
            c.provenance_from("unit_mix", saved.id, Some(before), unit_map(&saved), o)
                .await?
        }
        None => {
            c.provenance("unit_mix", saved.id, Some(before), unit_map(&saved))
                .await?
        }
    }
    c.audit("update", "unit_mix", Some(saved.id), serde_json::json!({}))
        .await?;
    Ok(saved)
}

/// Deletes a unit type.
pub async fn delete_unit_mix(c: &Caller<'_>, id: &str) -> ApiResult<Uuid> {
    c.delete::<unit_mix::Entity>(id, "unit mix", "unit_mix").await
}

/// Validates and writes the lease fields into `am`.
fn apply_lease(am: &mut lease::ActiveModel, f: LeaseFields) -> ApiResult<()> {
    rules::positive("input.areaSf", Some(f.area_sf))?;
    rules::non_empty("input.mla", Some(&f.mla))?;
    rules::rate("input.escalationPct", Some(f.escalation_pct))?;
    rules::non_negative_int("input.freeRentMonths", Some(f.free_rent_months))?;
    rules::unit_interval("input.renewalProbability", f.renewal_probability)?;
    rules::non_negative("input.rentPsf", f.rent_psf)?;
    rules::non_negative("input.expenseStopPsf", f.expense_stop_psf)?;
    let parse = |field: &str, v: Option<&str>| -> ApiResult<Option<chrono::NaiveDate>> {
        v.map(|s| month::parse(s).ok_or_else(|| ApiError::bad_input(field, "must be a month, YYYY-MM")))
            .transpose()
    };
    let start = parse("input.start", f.start.as_deref())?;
    let end = parse("input.end", f.end.as_deref())?;
    if !f.vacant {
        if f.tenant_name.as_deref().is_none_or(|s| s.trim().is_empty()) {
            return Err(ApiError::bad_input(
                "input.tenantName",
                "required for an occupied lease",
            ));
        }
        for (field, missing) in [
            ("input.start", start.is_none()),
            ("input.end", end.is_none()),
            ("input.rentPsf", f.rent_psf.is_none()),
        ] {
            if missing {
                return Err(ApiError::bad_input(field, "required for an occupied lease"));
            }
        }
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Err(ApiError::bad_input("input.end", "must not be before start"));
    }
    if f.recovery == Recovery::BaseYear && !f.vacant && f.expense_stop_psf.is_none() {
        return Err(ApiError::bad_input(
            "input.expenseStopPsf",
            "required for a BASE_YEAR lease",
        ));
    }
    am.tenant_name = Set(f.tenant_name);
    am.suite = Set(f.suite);
    am.vacant = Set(f.vacant);
    am.area_sf = Set(f.area_sf);
    am.start_month = Set(start);
    am.end_month = Set(end);
    am.rent_psf = Set(f.rent_psf);
    am.escalation_pct = Set(f.escalation_pct);
    am.free_rent_months = Set(f.free_rent_months);
    am.recovery = Set(f.recovery);
    am.expense_stop_psf = Set(f.expense_stop_psf);
    am.renewal_probability = Set(f.renewal_probability);
    am.mla = Set(f.mla);
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}

fn apply_unit(am: &mut unit_mix::ActiveModel, f: UnitMixFields) -> ApiResult<()> {
    rules::non_empty("input.unitType", Some(&f.unit_type))?;
    rules::int_range("input.units", Some(f.units), 1, 100_000)?;
    rules::positive("input.avgAreaSf", f.avg_area_sf)?;
    rules::non_negative("input.currentRent", Some(f.current_rent))?;
    rules::non_negative("input.marketRent", Some(f.market_rent))?;
    am.unit_type = Set(f.unit_type);
    am.units = Set(f.units);
    am.avg_area_sf = Set(f.avg_area_sf);
    am.current_rent = Set(f.current_rent);
    am.market_rent = Set(f.market_rent);
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}
