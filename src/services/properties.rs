//! Properties: create, update and delete, each validated before it writes, audited, with field
//! provenance and a graph outbox row; and the reads (one property, the filtered list).
use super::caller::Caller;
use super::documents::{self, Parent};
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graph::outbox::OutboxKind;
use crate::persistence::object_store::DocumentStore;
use crate::persistence::repositories;
use crate::persistence::repositories::properties::{self as listing, PropertyQuery, PropertySort};
use crate::persistence::{TenantId, TenantTx};
use crate::services::property_import::map::to_map;
use reos_entities::enums::PropertyType;
use reos_entities::property;
use reos_entities::property_attributes::Attributes;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TryIntoModel};
use std::sync::Arc;
use uuid::Uuid;

/// A postal address as entered.
pub struct Address {
    pub line1: String,
    pub unit: Option<String>,
    pub city: String,
    /// Two-letter state code.
    pub state: String,
    pub postal_code: Option<String>,
}

/// A new property.
pub struct NewProperty {
    pub address: Address,
    pub property_type: PropertyType,
    pub attributes: Attributes,
}

/// Changes to a property: only what is given changes.
pub struct PropertyChanges {
    pub id: String,
    pub address: Option<Address>,
    pub property_type: Option<PropertyType>,
    pub attributes: Attributes,
}

/// Creates a property.
pub async fn create(c: &Caller<'_>, input: NewProperty) -> ApiResult<property::Model> {
    validate_address(&input.address)?;
    let mut am = property::ActiveModel::blank(Uuid::now_v7(), c.tenant(), input.property_type, chrono::Utc::now());
    apply_address(&mut am, input.address);
    write(c, am, input.attributes, None).await
}

/// Changes the given fields of a property.
pub async fn update(c: &Caller<'_>, input: PropertyChanges) -> ApiResult<property::Model> {
    let existing = c.existing::<property::Entity>(&input.id, "property").await?;
    let before = to_map(&existing);
    let mut am: property::ActiveModel = existing.into();
    if let Some(address) = input.address {
        validate_address(&address)?;
        apply_address(&mut am, address);
    }
    if let Some(t) = input.property_type {
        am.property_type = Set(t);
    }
    am.updated_at = Set(chrono::Utc::now());
    write(c, am, input.attributes, Some(before)).await
}

/// Applies and checks the attributes, then inserts (no `before`) or updates, and records it.
async fn write(
    c: &Caller<'_>,
    mut am: property::ActiveModel,
    attributes: Attributes,
    before: Option<serde_json::Map<String, serde_json::Value>>,
) -> ApiResult<property::Model> {
    let check = attributes.clone();
    attributes.apply(&mut am);
    let merged = am.clone().try_into_model().map_err(|e| ApiError::Internal(e.into()))?;
    validate(&check, &merged)?;
    let (saved, action) = match before {
        None => (am.insert(c.tx.conn().await?).await?, "create"),
        Some(_) => (am.update(c.tx.conn().await?).await?, "update"),
    };
    c.audit(action, "property", Some(saved.id), serde_json::json!({}))
        .await?;
    c.provenance("property", saved.id, before, to_map(&saved)).await?;
    c.outbox(OutboxKind::Property, saved.id).await?;
    Ok(saved)
}

/// Deletes a property with its leases, unit mix, ownership, hazards and valuations; its
/// documents' objects go once the transaction commits.
pub async fn delete(c: &Caller<'_>, store: Option<&Arc<DocumentStore>>, id: &str) -> ApiResult<Uuid> {
    if let (Some(store), Ok(uuid)) = (store, Uuid::parse_str(id)) {
        documents::objects_follow_cascade(c.tx, store, Parent::Property(uuid)).await?;
    }
    let deleted = c.delete::<property::Entity>(id, "property", "property").await?;
    c.outbox(OutboxKind::Property, deleted).await?;
    Ok(deleted)
}

/// One property of the tenant (NOT_FOUND for malformed, unknown and other tenants' ids).
pub async fn find(tx: &TenantTx, id: &str) -> ApiResult<property::Model> {
    super::lookup::one::<property::Entity>(tx, id, "property").await
}

/// The id of property `id` of `tenant`, checked in a short transaction of its own (for callers
/// without a request transaction, such as subscriptions); NOT_FOUND as [`find`].
pub async fn visible(db: &DatabaseConnection, tenant: TenantId, id: &str) -> ApiResult<Uuid> {
    let uuid = rules::uuid(id, "property")?;
    let tx = TenantTx::begin(db, tenant).await?;
    let found = repositories::find::<property::Entity>(&tx, uuid).await?;
    tx.rollback().await?;
    Ok(found.ok_or(ApiError::not_found("property"))?.id)
}

/// Properties matching `q` in `order` (sort key, descending), `limit` from `offset`, and how
/// many match. Counting a large tenant costs more than the page itself, so without `count` the
/// total is only what this page shows (one extra row is read to tell whether more follow). With
/// `columns`, the rows hold only those fields (others `None`): for callers that read no other.
pub async fn page(
    tx: &TenantTx,
    q: &PropertyQuery,
    order: (PropertySort, bool),
    offset: u64,
    limit: u64,
    count: bool,
    columns: Option<&[property::Column]>,
) -> ApiResult<(u64, Vec<property::Model>)> {
    let (sort, desc) = order;
    if count {
        // Asked together: pipelined reads send both before waiting for either.
        let (total, rows) = futures_util::try_join!(
            listing::count(tx, q),
            listing::page(tx, q, sort, desc, offset, limit, columns)
        )?;
        return Ok((total, rows));
    }
    let mut rows = listing::page(tx, q, sort, desc, offset, limit + 1, columns).await?;
    let total = offset.saturating_add(rows.len() as u64);
    rows.truncate(limit as usize);
    Ok((total, rows))
}

/// Checks each given attribute on its own, then the cross-field rules against `merged`.
pub fn validate(a: &Attributes, merged: &property::Model) -> ApiResult<()> {
    rules::non_empty("input.externalId", a.external_id.as_deref())?;
    for (field, v) in [
        ("input.livingAreaSf", a.living_area_sf),
        ("input.lotAreaSf", a.lot_area_sf),
        ("input.buildingAreaSf", a.building_area_sf),
        ("input.listPrice", a.list_price),
        ("input.purchasePrice", a.purchase_price),
    ] {
        rules::positive(field, v)?;
    }
    for (field, v) in [
        ("input.basementSf", a.basement_sf),
        ("input.porchSf", a.porch_sf),
        ("input.deckSf", a.deck_sf),
        ("input.poolSf", a.pool_sf),
    ] {
        rules::non_negative(field, v)?;
    }
    for (field, v) in [
        ("input.bedrooms", a.bedrooms),
        ("input.fullBaths", a.full_baths),
        ("input.halfBaths", a.half_baths),
        ("input.garageCars", a.garage_cars),
        ("input.fireplaces", a.fireplaces),
        ("input.parkingSpaces", a.parking_spaces),
    ] {
        rules::non_negative_int(field, v)?;
    }
    rules::int_range("input.unitsCount", a.units_count, 1, 100_000)?;
    rules::int_range("input.conditionScore", a.condition_score, 1, 10)?;
    rules::year("input.yearBuilt", a.year_built)?;
    rules::year("input.yearRemodeled", a.year_remodeled)?;
    rules::coordinates("input.", merged.latitude, merged.longitude)?;
    if let (Some(built), Some(remodeled)) = (merged.year_built, merged.year_remodeled)
        && remodeled < built
    {
        return Err(ApiError::bad_input(
            "input.yearRemodeled",
            "must not be before yearBuilt",
        ));
    }
    Ok(())
}

fn validate_address(a: &Address) -> ApiResult<()> {
    rules::non_empty("input.address.line1", Some(&a.line1))?;
    rules::non_empty("input.address.city", Some(&a.city))?;
    if a.state.len() != 2 || !a.state.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(ApiError::bad_input(
            "input.address.state",
            "must be a two-letter state code",
        ));
    }
    Ok(())
}

/// Writes the address into the model (state upper-cased, a normalized form kept for matching).
fn apply_address(am: &mut property::ActiveModel, a: Address) {
    let normalized = [
        Some(a.line1.as_str()),
        a.unit.as_deref(),
        Some(a.city.as_str()),
        Some(a.state.as_str()),
        a.postal_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase())
    .collect::<Vec<_>>()
    .join(", ");
    am.address_line1 = Set(a.line1.trim().to_owned());
    am.unit = Set(a.unit);
    am.city = Set(a.city.trim().to_owned());
    am.state = Set(a.state.to_uppercase());
    am.postal_code = Set(a.postal_code);
    am.normalized_address = Set(Some(normalized));
}
