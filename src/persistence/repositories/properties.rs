//! Properties of a tenant: filtered, ordered, paged listing plus the batch reads the loaders use.
use super::scoped;
use crate::persistence::{TenantTx, pg_rows};
use reos_entities::enums::{PropertyStatus, PropertyType};
use reos_entities::{owner, property, property_hazard, property_ownership, valuation};
use sea_orm::{
    ColumnTrait, DbErr, FromQueryResult, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Filters the listing offers (all optional, combined with AND).
#[derive(Debug, Default, Clone)]
pub struct PropertyQuery {
    pub city: Option<String>,
    pub state: Option<String>,
    pub property_type: Option<PropertyType>,
    pub status: Option<PropertyStatus>,
    pub min_price: Option<f64>,
    pub max_price: Option<f64>,
    /// (south, west, north, east) in degrees.
    pub bbox: Option<(f64, f64, f64, f64)>,
}

/// Sort keys of the listing.
#[derive(Debug, Clone, Copy, Default)]
pub enum PropertySort {
    #[default]
    CreatedAt,
    UpdatedAt,
    ListPrice,
    City,
}

fn filtered(tx: &TenantTx, q: &PropertyQuery) -> Select<property::Entity> {
    use property::Column as C;
    let mut s = scoped::<property::Entity>(tx);
    if let Some(v) = &q.city {
        s = s.filter(C::City.eq(v.as_str()));
    }
    if let Some(v) = &q.state {
        s = s.filter(C::State.eq(v.as_str()));
    }
    if let Some(v) = q.property_type {
        s = s.filter(C::PropertyType.eq(v));
    }
    if let Some(v) = q.status {
        s = s.filter(C::Status.eq(v));
    }
    if let Some(v) = q.min_price {
        s = s.filter(C::ListPrice.gte(v));
    }
    if let Some(v) = q.max_price {
        s = s.filter(C::ListPrice.lte(v));
    }
    if let Some((south, west, north, east)) = q.bbox {
        s = s
            .filter(C::Latitude.between(south, north))
            .filter(C::Longitude.between(west, east));
    }
    s
}

/// One page, ordered by the sort key then id (a total order, so pages never overlap).
pub async fn page(
    tx: &TenantTx,
    q: &PropertyQuery,
    sort: PropertySort,
    descending: bool,
    offset: u64,
    limit: u64,
) -> Result<Vec<property::Model>, DbErr> {
    use property::Column as C;
    let dir = if descending { Order::Desc } else { Order::Asc };
    let col = match sort {
        PropertySort::CreatedAt => C::CreatedAt,
        PropertySort::UpdatedAt => C::UpdatedAt,
        PropertySort::ListPrice => C::ListPrice,
        PropertySort::City => C::City,
    };
    let query = filtered(tx, q)
        .order_by(col, dir.clone())
        .order_by(C::Id, dir)
        .offset(offset)
        .limit(limit);
    pg_rows::all_models(tx, query, pg_rows::property_row).await
}

/// Up to `limit` properties in id order, after `after` (the walk of a property-by-property job).
pub async fn after(tx: &TenantTx, after: Option<Uuid>, limit: u64) -> Result<Vec<property::Model>, DbErr> {
    let mut query = scoped::<property::Entity>(tx);
    if let Some(after) = after {
        query = query.filter(property::Column::Id.gt(after));
    }
    let query = query.order_by_asc(property::Column::Id).limit(limit);
    pg_rows::all_models(tx, query, pg_rows::property_row).await
}

pub async fn count(tx: &TenantTx, q: &PropertyQuery) -> Result<u64, DbErr> {
    filtered(tx, q).count(tx.conn()).await
}

/// Ownership rows with their owners for many properties, in one statement.
pub async fn owners_of(
    tx: &TenantTx,
    property_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<(property_ownership::Model, owner::Model)>>, DbErr> {
    let query = scoped::<property_ownership::Entity>(tx)
        .filter(property_ownership::Column::PropertyId.is_in(property_ids.iter().copied()))
        .find_also_related(owner::Entity)
        .filter(owner::Column::TenantId.eq(tx.tenant().uuid()));
    let rows = pg_rows::all_rows(
        tx,
        &query,
        |row| Ok((pg_rows::ownership_row(row)?, Some(pg_rows::owner_row(row)?))),
        |r| {
            Ok((
                property_ownership::Model::from_query_result(r, "A_")?,
                owner::Model::from_query_result_optional(r, "B_")?,
            ))
        },
    )
    .await?;
    let mut out: HashMap<Uuid, Vec<_>> = HashMap::new();
    for (ownership, owner) in rows {
        if let Some(owner) = owner {
            out.entry(ownership.property_id).or_default().push((ownership, owner));
        }
    }
    Ok(out)
}

/// The newest hazard assessment of each property.
pub async fn latest_hazards(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, property_hazard::Model>, DbErr> {
    let rows = scoped::<property_hazard::Entity>(tx)
        .filter(property_hazard::Column::PropertyId.is_in(ids.iter().copied()))
        .order_by_desc(property_hazard::Column::AssessedAt)
        .all(tx.conn())
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.entry(r.property_id).or_insert(r);
    }
    Ok(out)
}

/// The newest saved valuation of each property.
pub async fn latest_valuations(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, valuation::Model>, DbErr> {
    let query = scoped::<valuation::Entity>(tx)
        .filter(valuation::Column::PropertyId.is_in(ids.iter().copied()))
        .order_by_desc(valuation::Column::CreatedAt);
    let rows = pg_rows::all_models(tx, query, pg_rows::valuation_row).await?;
    let mut out = HashMap::new();
    for r in rows {
        if let Some(pid) = r.property_id {
            out.entry(pid).or_insert(r);
        }
    }
    Ok(out)
}
