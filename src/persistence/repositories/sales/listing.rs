//! The `sales` listing: filters, newest-first order and Relay pages.
use super::super::scoped;
use crate::persistence::TenantTx;
use chrono::NaiveDate;
use reos_entities::sale;
use sea_orm::{ColumnTrait, DbErr, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select};

/// Filters of the `sales` listing (all optional, combined with AND).
#[derive(Debug, Default, Clone)]
pub struct SaleQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub neighborhood: Option<String>,
    pub condition: Option<String>,
    pub min_price: Option<f64>,
    pub max_price: Option<f64>,
}

fn filtered(tx: &TenantTx, q: &SaleQuery) -> Select<sale::Entity> {
    use sale::Column as C;
    let mut s = scoped::<sale::Entity>(tx);
    if let Some(v) = q.from {
        s = s.filter(C::SaleDate.gte(v));
    }
    if let Some(v) = q.to {
        s = s.filter(C::SaleDate.lte(v));
    }
    if let Some(v) = &q.neighborhood {
        s = s.filter(C::Neighborhood.eq(v.as_str()));
    }
    if let Some(v) = &q.condition {
        s = s.filter(C::SaleCondition.eq(v.to_ascii_lowercase()));
    }
    if let Some(v) = q.min_price {
        s = s.filter(C::SalePrice.gte(v));
    }
    if let Some(v) = q.max_price {
        s = s.filter(C::SalePrice.lte(v));
    }
    s
}

/// One page, newest sale first, ties by sale id (a total order, so pages never overlap).
pub async fn page(tx: &TenantTx, q: &SaleQuery, offset: u64, limit: u64) -> Result<Vec<sale::Model>, DbErr> {
    use sale::Column as C;
    filtered(tx, q)
        .order_by(C::SaleDate, Order::Desc)
        .order_by(C::SaleId, Order::Asc)
        .offset(offset)
        .limit(limit)
        .all(tx.conn().await?)
        .await
}

pub async fn count(tx: &TenantTx, q: &SaleQuery) -> Result<u64, DbErr> {
    filtered(tx, q).count(tx.conn().await?).await
}
