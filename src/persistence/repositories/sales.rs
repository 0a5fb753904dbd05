//! Sales of a tenant: the importer's batched upsert on (tenant_id, sale_id), the change
//! fingerprint the model cache keys on, and the full load the engine fits on (listing: `listing.rs`).
pub mod listing;

use super::scoped;
use crate::analytics::comps::{Attributes, Sale};
use crate::persistence::TenantTx;
use chrono::{DateTime, NaiveDate, Utc};
use reos_entities::sale;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// Rows per INSERT statement: 500 × 36 columns stays far below SQLite's and PostgreSQL's
/// bind-parameter limits.
pub const BATCH_ROWS: usize = 500;

/// One checked import row: the engine's sale plus the columns the engine does not use.
#[derive(Debug, Clone, PartialEq)]
pub struct SaleRecord {
    pub sale: Sale,
    pub city: Option<String>,
    pub state: Option<String>,
    /// Columns of the file beyond the canonical ones, as text.
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

/// What an upsert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct UpsertCounts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// Changes whenever the tenant's sales change: the importer rewrites `created_at` of every row it
/// inserts or changes, so count + newest write time identify the data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SalesFingerprint {
    pub count: i64,
    pub last_written: Option<DateTime<Utc>>,
    pub last_sale_date: Option<NaiveDate>,
}

fn count_i32(v: Option<u32>) -> Option<i32> {
    // The importer's gate refuses counts above i32::MAX, so this never drops a value it accepted.
    v.and_then(|x| i32::try_from(x).ok())
}

fn to_model(tenant: Uuid, id: Uuid, r: &SaleRecord, now: DateTime<Utc>) -> sale::Model {
    let (s, a) = (&r.sale, &r.sale.attrs);
    sale::Model {
        id,
        tenant_id: tenant,
        sale_id: s.id.clone(),
        sale_date: s.sale_date,
        sale_price: s.price,
        sale_condition: s.condition.clone(),
        latitude: s.lat,
        longitude: s.lon,
        city: r.city.clone(),
        state: r.state.clone(),
        neighborhood: s.neighborhood.clone(),
        property_type: s.property_type.clone(),
        building_type: a.building_type.clone(),
        living_area_sf: a.living_area_sf,
        lot_area_sf: a.lot_area_sf,
        year_built: Some(a.year_built),
        year_remodeled: a.year_remodeled,
        bedrooms: count_i32(a.bedrooms),
        full_baths: count_i32(a.full_baths),
        half_baths: count_i32(a.half_baths),
        basement_sf: a.basement_sf,
        garage_cars: count_i32(a.garage_cars),
        condition_score: count_i32(a.condition_score),
        stories: a.stories.clone(),
        fireplaces: count_i32(a.fireplaces),
        central_air: a.central_air,
        exterior_condition: a.exterior_condition.clone(),
        heating_quality: a.heating_quality.clone(),
        porch_sf: a.porch_sf,
        deck_sf: a.deck_sf,
        pool_sf: a.pool_sf,
        hazard_score: s.hazard,
        attributes: serde_json::Value::Object(r.attributes.clone()),
        created_at: now,
    }
}

/// Inserts new sale ids and rewrites changed ones, `BATCH_ROWS` at a time, inside the caller's
/// transaction; rows equal to what is stored are left alone. `progress` gets rows done so far.
pub async fn upsert(
    tx: &TenantTx,
    rows: &[SaleRecord],
    progress: &(dyn Fn(u64) + Sync),
) -> Result<UpsertCounts, DbErr> {
    use sale::Column as C;
    let tenant = tx.tenant().uuid();
    let now = Utc::now();
    let mut counts = UpsertCounts::default();
    let mut done = 0u64;
    for chunk in rows.chunks(BATCH_ROWS) {
        let ids: Vec<&str> = chunk.iter().map(|r| r.sale.id.as_str()).collect();
        let existing: HashMap<String, sale::Model> = scoped::<sale::Entity>(tx)
            .filter(C::SaleId.is_in(ids))
            .all(tx.conn().await?)
            .await?
            .into_iter()
            .map(|m| (m.sale_id.clone(), m))
            .collect();
        let mut writes: Vec<sale::ActiveModel> = Vec::new();
        for r in chunk {
            match existing.get(&r.sale.id) {
                None => {
                    counts.inserted += 1;
                    writes.push(to_model(tenant, Uuid::now_v7(), r, now).into());
                }
                Some(old) => {
                    let new = to_model(tenant, old.id, r, now);
                    if (sale::Model {
                        created_at: old.created_at,
                        ..new.clone()
                    }) == *old
                    {
                        counts.unchanged += 1;
                    } else {
                        counts.updated += 1;
                        writes.push(new.into());
                    }
                }
            }
        }
        if !writes.is_empty() {
            let update: Vec<C> = <C as sea_orm::Iterable>::iter()
                .filter(|c| !matches!(c, C::Id | C::TenantId | C::SaleId))
                .collect();
            sale::Entity::insert_many(writes)
                .on_conflict(
                    OnConflict::columns([C::TenantId, C::SaleId])
                        .update_columns(update)
                        .to_owned(),
                )
                .exec_without_returning(tx.conn().await?)
                .await?;
        }
        done += chunk.len() as u64;
        progress(done);
    }
    Ok(counts)
}

/// Count, newest write and newest sale date of the tenant's sales, in one statement.
pub async fn fingerprint(tx: &TenantTx) -> Result<SalesFingerprint, DbErr> {
    use sale::Column as C;
    use sea_orm::sea_query::{Expr, Func};
    let row: Option<(i64, Option<DateTime<Utc>>, Option<NaiveDate>)> = scoped::<sale::Entity>(tx)
        .select_only()
        .column_as(Expr::from(Func::count(Expr::col(C::Id))), "count")
        .column_as(Expr::from(Func::max(Expr::col(C::CreatedAt))), "last_written")
        .column_as(Expr::from(Func::max(Expr::col(C::SaleDate))), "last_sale_date")
        .into_tuple()
        .one(tx.conn().await?)
        .await?;
    let (count, last_written, last_sale_date) = row.unwrap_or((0, None, None));
    Ok(SalesFingerprint {
        count,
        last_written,
        last_sale_date,
    })
}

/// Every sale of the tenant the engine can use; rows it cannot (written by another path without a
/// year built, or with a negative count) are counted in the second value instead.
pub async fn load_for_engine(tx: &TenantTx) -> Result<(Vec<Sale>, usize), DbErr> {
    let rows = scoped::<sale::Entity>(tx).all(tx.conn().await?).await?;
    let total = rows.len();
    let sales: Vec<Sale> = rows.into_iter().filter_map(to_sale).collect();
    let skipped = total - sales.len();
    Ok((sales, skipped))
}

fn count_u32(v: Option<i32>) -> Result<Option<u32>, ()> {
    v.map(u32::try_from).transpose().map_err(|_| ())
}

/// The engine's view of a stored sale; `None` when a required value is missing or negative.
pub fn to_sale(m: sale::Model) -> Option<Sale> {
    let attrs = Attributes {
        living_area_sf: m.living_area_sf,
        lot_area_sf: m.lot_area_sf,
        year_built: m.year_built?,
        year_remodeled: m.year_remodeled,
        bedrooms: count_u32(m.bedrooms).ok()?,
        full_baths: count_u32(m.full_baths).ok()?,
        half_baths: count_u32(m.half_baths).ok()?,
        basement_sf: m.basement_sf,
        garage_cars: count_u32(m.garage_cars).ok()?,
        condition_score: count_u32(m.condition_score).ok()?,
        fireplaces: count_u32(m.fireplaces).ok()?,
        central_air: m.central_air,
        porch_sf: m.porch_sf,
        deck_sf: m.deck_sf,
        pool_sf: m.pool_sf,
        stories: m.stories,
        exterior_condition: m.exterior_condition,
        heating_quality: m.heating_quality,
        building_type: m.building_type,
    };
    Some(Sale {
        id: m.sale_id,
        sale_date: m.sale_date,
        price: m.sale_price,
        condition: m.sale_condition,
        lat: m.latitude,
        lon: m.longitude,
        property_type: m.property_type,
        neighborhood: m.neighborhood,
        attrs,
        hazard: m.hazard_score,
    })
}
