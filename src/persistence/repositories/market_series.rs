//! A tenant's market series: the importer's batched upsert on (tenant, market, month), the list
//! of markets, a market's months, and the sales a series can be derived from.
use super::sales::{BATCH_ROWS, UpsertCounts};
use super::scoped;
use crate::persistence::TenantTx;
use chrono::{NaiveDate, Utc};
use reos_entities::{market_series as ms, sale};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// One month of one market, as checked by the import gate.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketRow {
    pub market: String,
    /// The first day of the month.
    pub month: NaiveDate,
    pub median_price: Option<f64>,
    pub sales: Option<f64>,
    pub volume: Option<f64>,
    pub listings: Option<f64>,
    pub inventory_months: Option<f64>,
}

impl From<ms::Model> for MarketRow {
    fn from(m: ms::Model) -> Self {
        Self {
            market: m.market,
            month: m.month,
            median_price: m.median_price,
            sales: m.sales,
            volume: m.volume,
            listings: m.listings,
            inventory_months: m.inventory_months,
        }
    }
}

/// Inserts new (market, month) rows and replaces the values of existing ones; rows whose values
/// are the same are left alone, so a re-import changes nothing.
pub async fn upsert(tx: &TenantTx, rows: &[MarketRow]) -> Result<UpsertCounts, DbErr> {
    use ms::Column as C;
    let tenant = tx.tenant().uuid();
    let now = Utc::now();
    let mut counts = UpsertCounts::default();
    let markets: Vec<&str> = {
        let mut m: Vec<&str> = rows.iter().map(|r| r.market.as_str()).collect();
        m.sort_unstable();
        m.dedup();
        m
    };
    let mut existing: HashMap<(String, NaiveDate), ms::Model> = HashMap::new();
    for chunk in markets.chunks(BATCH_ROWS) {
        for m in scoped::<ms::Entity>(tx)
            .filter(C::Market.is_in(chunk.iter().copied()))
            .all(tx.conn().await?)
            .await?
        {
            existing.insert((m.market.clone(), m.month), m);
        }
    }
    let mut writes: Vec<ms::ActiveModel> = Vec::new();
    for r in rows {
        let old = existing.get(&(r.market.clone(), r.month));
        if old.is_some_and(|o| MarketRow::from(o.clone()) == *r) {
            counts.unchanged += 1;
            continue;
        }
        if old.is_some() {
            counts.updated += 1;
        } else {
            counts.inserted += 1;
        }
        writes.push(
            ms::Model {
                id: old.map_or_else(Uuid::now_v7, |o| o.id),
                tenant_id: tenant,
                market: r.market.clone(),
                month: r.month,
                median_price: r.median_price,
                sales: r.sales,
                volume: r.volume,
                listings: r.listings,
                inventory_months: r.inventory_months,
                updated_at: now,
            }
            .into(),
        );
    }
    // 500 rows × 10 columns per statement stays below every bind-parameter limit.
    while !writes.is_empty() {
        let rest = writes.split_off(writes.len().min(BATCH_ROWS));
        let update: Vec<C> = <C as sea_orm::Iterable>::iter()
            .filter(|c| !matches!(c, C::Id | C::TenantId | C::Market | C::Month))
            .collect();
        ms::Entity::insert_many(std::mem::replace(&mut writes, rest))
            .on_conflict(
                OnConflict::columns([C::TenantId, C::Market, C::Month])
                    .update_columns(update)
                    .to_owned(),
            )
            .exec_without_returning(tx.conn().await?)
            .await?;
    }
    Ok(counts)
}

/// An imported market: its name, first and last month, and how many months it has.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketSummary {
    pub market: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub months: i64,
}

/// The tenant's imported markets by name, in one statement.
pub async fn markets(tx: &TenantTx) -> Result<Vec<MarketSummary>, DbErr> {
    use ms::Column as C;
    let rows: Vec<(String, NaiveDate, NaiveDate, i64)> = scoped::<ms::Entity>(tx)
        .select_only()
        .column(C::Market)
        .column_as(C::Month.min(), "first")
        .column_as(C::Month.max(), "last")
        .column_as(C::Id.count(), "months")
        .group_by(C::Market)
        .order_by_asc(C::Market)
        .into_tuple()
        .all(tx.conn().await?)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(market, first, last, months)| MarketSummary {
            market,
            first,
            last,
            months,
        })
        .collect())
}

/// The months of one market (all markets when None), by market and month.
pub async fn months(tx: &TenantTx, market: Option<&str>) -> Result<Vec<MarketRow>, DbErr> {
    use ms::Column as C;
    let mut q = scoped::<ms::Entity>(tx);
    if let Some(m) = market {
        q = q.filter(C::Market.eq(m));
    }
    Ok(q.order_by_asc(C::Market)
        .order_by_asc(C::Month)
        .all(tx.conn().await?)
        .await?
        .into_iter()
        .map(MarketRow::from)
        .collect())
}

/// What a series derived from sales needs of one sale.
#[derive(Debug, Clone, PartialEq)]
pub struct SalePoint {
    pub city: Option<String>,
    pub neighborhood: Option<String>,
    pub date: NaiveDate,
    pub price: f64,
    pub living_area_sf: f64,
    pub condition: String,
}

/// Every sale of the tenant, only the columns a derived series uses.
pub async fn sale_points(tx: &TenantTx) -> Result<Vec<SalePoint>, DbErr> {
    use sale::Column as C;
    type Row = (Option<String>, Option<String>, NaiveDate, f64, f64, String);
    let rows: Vec<Row> = scoped::<sale::Entity>(tx)
        .select_only()
        .columns([
            C::City,
            C::Neighborhood,
            C::SaleDate,
            C::SalePrice,
            C::LivingAreaSf,
            C::SaleCondition,
        ])
        .into_tuple()
        .all(tx.conn().await?)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(city, neighborhood, date, price, living_area_sf, condition)| SalePoint {
                city,
                neighborhood,
                date,
                price,
                living_area_sf,
                condition,
            },
        )
        .collect())
}
