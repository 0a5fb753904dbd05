//! Properties of a tenant: filtered, ordered, paged listing plus the batch reads the loaders use.
use super::{one_of, scoped};
use crate::persistence::{TenantTx, pg_rows};
use reos_entities::enums::{PropertyStatus, PropertyType};
use reos_entities::{owner, property, property_hazard, property_ownership, valuation};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ColumnType, DbBackend, DbErr, FromQueryResult, IdenStatic, Iterable, Order, QueryFilter, QueryOrder,
    QuerySelect, Select,
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

/// One page, ordered by the sort key then id (a total order, so pages never overlap). With
/// `columns`, only those are read (besides the ones no row lacks): see [`only`].
pub async fn page(
    tx: &TenantTx,
    q: &PropertyQuery,
    sort: PropertySort,
    descending: bool,
    offset: u64,
    limit: u64,
    columns: Option<&[property::Column]>,
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
    let query = match columns {
        Some(wanted) => only(query, wanted, tx.backend()),
        None => query,
    };
    pg_rows::all_models(tx, query).await
}

/// `select` reading the `wanted` columns and every column that cannot be NULL (id, tenant, the
/// enums, the timestamps); each other column is selected as a typed NULL, so the row still decodes
/// into a whole model whose unread fields are `None`. For a caller that reads nothing else (the
/// listing, when its selection names only plain fields): PostgreSQL sends, and the server decodes,
/// a few columns instead of forty.
fn only(select: Select<property::Entity>, wanted: &[property::Column], backend: DbBackend) -> Select<property::Entity> {
    let mut select = select.select_only();
    for col in property::Column::iter() {
        let def = col.def();
        let null = match (backend, def.get_column_type()) {
            _ if wanted.iter().any(|w| w.as_str() == col.as_str()) || !def.is_null() => None,
            (DbBackend::Postgres, ColumnType::Double) => Some("NULL::double precision"),
            (DbBackend::Postgres, ColumnType::Integer) => Some("NULL::integer"),
            (DbBackend::Postgres, ColumnType::Boolean) => Some("NULL::boolean"),
            (DbBackend::Postgres, ColumnType::String(_) | ColumnType::Text) => Some("NULL::text"),
            (DbBackend::Postgres, _) => None,
            _ => Some("NULL"),
        };
        select = match null {
            Some(null) => select.column_as(Expr::cust(null), col.as_str()),
            None => select.column(col),
        };
    }
    select
}

/// Up to `limit` properties in id order, after `after` (the walk of a property-by-property job).
pub async fn after(tx: &TenantTx, after: Option<Uuid>, limit: u64) -> Result<Vec<property::Model>, DbErr> {
    let mut query = scoped::<property::Entity>(tx);
    if let Some(after) = after {
        query = query.filter(property::Column::Id.gt(after));
    }
    let query = query.order_by_asc(property::Column::Id).limit(limit);
    pg_rows::all_models(tx, query).await
}

/// How many properties match: `SELECT COUNT(*)` over the filtered table itself (an index-only
/// scan of the tenant's rows when unfiltered), not over a subquery of every column.
pub async fn count(tx: &TenantTx, q: &PropertyQuery) -> Result<u64, DbErr> {
    let query = filtered(tx, q).select_only().column_as(Expr::cust("COUNT(*)"), "n");
    let rows = pg_rows::all_rows(tx, &query, |r| Ok(Count { n: r.try_get("", "n")? })).await?;
    let n = rows.first().map_or(0, |c| c.n);
    u64::try_from(n).map_err(|_| DbErr::Type(format!("count {n}")))
}

/// The one column of a count.
struct Count {
    n: i64,
}
pg_rows::columns_decoder!(Count { n });

/// Ownership rows with their owners for many properties, in one statement.
pub async fn owners_of(
    tx: &TenantTx,
    property_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<(property_ownership::Model, owner::Model)>>, DbErr> {
    let query = scoped::<property_ownership::Entity>(tx)
        .filter(one_of(tx, property_ownership::Column::PropertyId, property_ids))
        .find_also_related(owner::Entity)
        .filter(owner::Column::TenantId.eq(tx.tenant().uuid()));
    // Inner in effect: the owner's tenant filter drops ownership rows without an owner.
    let rows = pg_rows::all_rows(tx, &query, |r| {
        Ok((
            property_ownership::Model::from_query_result(r, "A_")?,
            owner::Model::from_query_result(r, "B_")?,
        ))
    })
    .await?;
    let mut out: HashMap<Uuid, Vec<_>> = HashMap::new();
    for (ownership, owner) in rows {
        out.entry(ownership.property_id).or_default().push((ownership, owner));
    }
    Ok(out)
}

/// The newest hazard assessment of each property.
pub async fn latest_hazards(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, property_hazard::Model>, DbErr> {
    let rows = scoped::<property_hazard::Entity>(tx)
        .filter(property_hazard::Column::PropertyId.is_in(ids.iter().copied()))
        .order_by_desc(property_hazard::Column::AssessedAt)
        .all(tx.conn().await?)
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.entry(r.property_id).or_insert(r);
    }
    Ok(out)
}

/// The newest saved valuation of each property: on PostgreSQL one row per property
/// (`DISTINCT ON`), elsewhere every row, newest first, keeping the first of each.
pub async fn latest_valuations(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, valuation::Model>, DbErr> {
    let mut query = scoped::<valuation::Entity>(tx).filter(one_of(tx, valuation::Column::PropertyId, ids));
    if tx.backend() == DbBackend::Postgres {
        query = query
            .distinct_on([valuation::Column::PropertyId])
            .order_by_asc(valuation::Column::PropertyId);
    }
    let query = query
        .order_by_desc(valuation::Column::CreatedAt)
        .order_by_desc(valuation::Column::Id);
    let rows = pg_rows::all_models(tx, query).await?;
    let mut out = HashMap::new();
    for r in rows {
        if let Some(pid) = r.property_id {
            out.entry(pid).or_insert(r);
        }
    }
    Ok(out)
}
