//! Leases, unit-mix rows and unit leases of a tenant's properties, read in batches for the loaders.
use super::scoped;
use crate::persistence::TenantTx;
use reos_entities::{lease, unit_lease, unit_mix};
use sea_orm::{ColumnTrait, DbErr, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

pub async fn for_properties(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<lease::Model>>, DbErr> {
    let query = scoped::<lease::Entity>(tx)
        .filter(super::one_of(tx, lease::Column::PropertyId, ids))
        .order_by_asc(lease::Column::StartMonth)
        .order_by_asc(lease::Column::Id);
    let rows = crate::persistence::pg_rows::all_models(tx, query).await?;
    Ok(super::grouped(rows, |r| r.property_id))
}

pub async fn unit_mix_for(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<unit_mix::Model>>, DbErr> {
    let rows = scoped::<unit_mix::Entity>(tx)
        .filter(unit_mix::Column::PropertyId.is_in(ids.iter().copied()))
        .order_by_asc(unit_mix::Column::UnitType)
        .all(tx.conn().await?)
        .await?;
    Ok(super::grouped(rows, |r| r.property_id))
}

/// The unit leases of property `id`, by unit.
pub async fn unit_leases_of(tx: &TenantTx, id: Uuid) -> Result<Vec<unit_lease::Model>, DbErr> {
    scoped::<unit_lease::Entity>(tx)
        .filter(unit_lease::Column::PropertyId.eq(id))
        .order_by_asc(unit_lease::Column::Unit)
        .all(tx.conn().await?)
        .await
}
