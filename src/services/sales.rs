//! The tenant's imported sales: the filtered, newest-first list, and every sale as the
//! comparable-sales engine takes it (the import itself is [`super::sales_import`]).
use crate::analytics::comps::Sale;
use crate::error::ApiResult;
use crate::persistence::TenantTx;
use crate::persistence::repositories::sales::listing::{self, SaleQuery};
use crate::persistence::repositories::sales::load_for_engine;
use reos_entities::sale;
use sea_orm::DbErr;

/// Sales matching `q`, newest first, `limit` from `offset`, and how many match in all.
pub async fn page(tx: &TenantTx, q: &SaleQuery, offset: u64, limit: u64) -> ApiResult<(u64, Vec<sale::Model>)> {
    let total = listing::count(tx, q).await?;
    let rows = listing::page(tx, q, offset, limit).await?;
    Ok((total, rows))
}

/// Every sale of the tenant the engine can use, and how many were left out as unusable.
pub async fn for_engine(tx: &TenantTx) -> Result<(Vec<Sale>, usize), DbErr> {
    load_for_engine(tx).await
}
