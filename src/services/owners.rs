//! Owners and ownership: create, change and delete owners; record and remove who holds which
//! share of a property (all owners together hold at most 100 %). Graph writes add outbox rows.
//! Reads: one owner, and the list by name.
use super::caller::Caller;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graph::outbox::OutboxKind;
use crate::persistence::TenantTx;
use crate::persistence::repositories::owners;
use reos_entities::enums::OwnerType;
use reos_entities::{owner, property_ownership};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

/// An owner's fields; on change, an absent field keeps its value.
#[derive(Default)]
pub struct OwnerFields {
    pub name: Option<String>,
    pub owner_type: Option<OwnerType>,
    pub tax_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mailing_address: Option<String>,
}

/// A share of a property held by an owner.
pub struct NewOwnership {
    pub property_id: String,
    pub owner_id: String,
    /// Percent in (0, 100].
    pub share_pct: f64,
    pub acquired_on: Option<chrono::NaiveDate>,
    pub acquisition_price: Option<f64>,
}

fn check(f: &OwnerFields) -> ApiResult<()> {
    rules::non_empty("input.name", f.name.as_deref())?;
    match f.email.as_deref() {
        Some(e) if !e.contains('@') || e.trim() != e => {
            Err(ApiError::bad_input("input.email", "not an e-mail address"))
        }
        _ => Ok(()),
    }
}

/// Creates an owner (name and type required).
pub async fn create(c: &Caller<'_>, f: OwnerFields) -> ApiResult<owner::Model> {
    check(&f)?;
    let (Some(name), Some(owner_type)) = (f.name, f.owner_type) else {
        return Err(ApiError::bad_input("input.name", "name and ownerType are required"));
    };
    let now = chrono::Utc::now();
    let saved = owner::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        normalized_name: Set(owners::normalize_name(&name)),
        name: Set(name.trim().to_owned()),
        owner_type: Set(owner_type),
        tax_id: Set(f.tax_id),
        email: Set(f.email),
        phone: Set(f.phone),
        mailing_address: Set(f.mailing_address),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(c.tx.conn().await?)
    .await?;
    c.audit("create", "owner", Some(saved.id), serde_json::json!({}))
        .await?;
    c.outbox(OutboxKind::Owner, saved.id).await?;
    Ok(saved)
}

/// Changes the given fields of owner `id`.
pub async fn update(c: &Caller<'_>, id: &str, f: OwnerFields) -> ApiResult<owner::Model> {
    let existing = c.existing::<owner::Entity>(id, "owner").await?;
    check(&f)?;
    let mut am: owner::ActiveModel = existing.into();
    if let Some(name) = f.name {
        am.normalized_name = Set(owners::normalize_name(&name));
        am.name = Set(name.trim().to_owned());
    }
    if let Some(t) = f.owner_type {
        am.owner_type = Set(t);
    }
    if f.tax_id.is_some() {
        am.tax_id = Set(f.tax_id);
    }
    if f.email.is_some() {
        am.email = Set(f.email);
    }
    if f.phone.is_some() {
        am.phone = Set(f.phone);
    }
    if f.mailing_address.is_some() {
        am.mailing_address = Set(f.mailing_address);
    }
    am.updated_at = Set(chrono::Utc::now());
    let saved = am.update(c.tx.conn().await?).await?;
    c.audit("update", "owner", Some(saved.id), serde_json::json!({}))
        .await?;
    c.outbox(OutboxKind::Owner, saved.id).await?;
    Ok(saved)
}

/// Deletes an owner and its ownership records.
pub async fn delete(c: &Caller<'_>, id: &str) -> ApiResult<Uuid> {
    let deleted = c.delete::<owner::Entity>(id, "owner", "owner").await?;
    c.outbox(OutboxKind::Owner, deleted).await?;
    Ok(deleted)
}

/// Records that an owner holds a share of a property; returns the record and its owner.
pub async fn add_ownership(
    c: &Caller<'_>,
    input: NewOwnership,
) -> ApiResult<(property_ownership::Model, owner::Model)> {
    let property_id = c.parent(&input.property_id).await?;
    let owner = c.existing::<owner::Entity>(&input.owner_id, "owner").await?;
    if !(input.share_pct > 0.0 && input.share_pct <= 100.0) {
        return Err(ApiError::bad_input("input.sharePct", "must be above 0 and at most 100"));
    }
    rules::positive("input.acquisitionPrice", input.acquisition_price)?;
    let held = owners::share_total(c.tx, property_id, None).await?;
    if held + input.share_pct > 100.0 + 1e-9 {
        return Err(ApiError::bad_input(
            "input.sharePct",
            format!(
                "owners already hold {held}% of this property; at most {}% remains",
                100.0 - held
            ),
        ));
    }
    let saved = property_ownership::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        property_id: Set(property_id),
        owner_id: Set(owner.id),
        share_pct: Set(input.share_pct),
        acquired_on: Set(input.acquired_on),
        acquisition_price: Set(input.acquisition_price),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(c.tx.conn().await?)
    .await?;
    let details = serde_json::json!({"property_id": property_id, "owner_id": owner.id});
    c.audit("create", "property_ownership", Some(saved.id), details).await?;
    c.outbox(OutboxKind::Ownership, saved.id).await?;
    Ok((saved, owner))
}

/// Removes an ownership record.
pub async fn remove_ownership(c: &Caller<'_>, id: &str) -> ApiResult<Uuid> {
    let deleted = c
        .delete::<property_ownership::Entity>(id, "ownership", "property_ownership")
        .await?;
    c.outbox(OutboxKind::Ownership, deleted).await?;
    Ok(deleted)
}

/// One owner of the tenant (NOT_FOUND for malformed, unknown and other tenants' ids).
pub async fn find(tx: &TenantTx, id: &str) -> ApiResult<owner::Model> {
    super::lookup::one::<owner::Entity>(tx, id, "owner").await
}

/// Owners ordered by normalized name, only those whose name contains `name` when given,
/// `limit` from `offset`, and how many match in all.
pub async fn page(tx: &TenantTx, name: Option<&str>, offset: u64, limit: u64) -> ApiResult<(u64, Vec<owner::Model>)> {
    let name = name.map(owners::normalize_name);
    let total = owners::count(tx, name.as_deref()).await?;
    let rows = owners::page(tx, name.as_deref(), offset, limit).await?;
    Ok((total, rows))
}
