//! Owners of a tenant: listing with a name filter, and share bookkeeping for ownership.
use super::scoped;
use crate::persistence::TenantTx;
use reos_entities::{owner, property_ownership};
use sea_orm::{ColumnTrait, DbErr, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

fn filtered(tx: &TenantTx, name: Option<&str>) -> Select<owner::Entity> {
    let s = scoped::<owner::Entity>(tx);
    match name {
        Some(n) => s.filter(owner::Column::NormalizedName.contains(n.to_lowercase())),
        None => s,
    }
}

pub async fn page(tx: &TenantTx, name: Option<&str>, offset: u64, limit: u64) -> Result<Vec<owner::Model>, DbErr> {
    filtered(tx, name)
        .order_by_asc(owner::Column::NormalizedName)
        .order_by_asc(owner::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(tx.conn().await?)
        .await
}

pub async fn count(tx: &TenantTx, name: Option<&str>) -> Result<u64, DbErr> {
    filtered(tx, name).count(tx.conn().await?).await
}

/// Sum of the shares already recorded on a property, leaving out one ownership row (for updates).
pub async fn share_total(tx: &TenantTx, property_id: Uuid, except: Option<Uuid>) -> Result<f64, DbErr> {
    let mut s = scoped::<property_ownership::Entity>(tx).filter(property_ownership::Column::PropertyId.eq(property_id));
    if let Some(id) = except {
        s = s.filter(property_ownership::Column::Id.ne(id));
    }
    Ok(s.all(tx.conn().await?).await?.iter().map(|o| o.share_pct).sum())
}

/// Lower-case, punctuation-free name used to match the same owner typed twice: dots vanish
/// (`L.L.C.` → `llc`), other punctuation separates words, and common entity suffixes are
/// spelled one way.
pub fn normalize_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| *c != '.')
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .map(|w| match w {
            "incorporated" => "inc",
            "corporation" => "corp",
            "company" => "co",
            "limited" => "ltd",
            other => other,
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests;
