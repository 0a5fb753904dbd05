//! A tenant's stored hazard table (`hazard_points`): replaced or extended by
//! `reos import hazards`, read by the property pipeline for rows without scores of their own.
use super::scoped;
use crate::persistence::TenantTx;
use crate::pipeline::HazardPoint;
use chrono::Utc;
use reos_entities::hazard_point;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

/// The tenant's points in the order they were stored (a lookup tie goes to the earlier point).
pub async fn all(tx: &TenantTx) -> Result<Vec<HazardPoint>, DbErr> {
    let rows = scoped::<hazard_point::Entity>(tx)
        .order_by_asc(hazard_point::Column::Id)
        .all(tx.conn().await?)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| HazardPoint {
            lat: r.latitude,
            lon: r.longitude,
            flood: r.flood_score,
            wildfire: r.wildfire_score,
            heat: r.heat_score,
        })
        .collect())
}

/// Stores `points` (already validated), after deleting the tenant's existing ones when `replace`.
/// Returns how many were deleted.
pub async fn store(tx: &TenantTx, points: &[HazardPoint], source: &str, replace: bool) -> Result<u64, DbErr> {
    let tenant = tx.tenant().uuid();
    let deleted = if replace {
        hazard_point::Entity::delete_many()
            .filter(hazard_point::Column::TenantId.eq(tenant))
            .exec(tx.conn().await?)
            .await?
            .rows_affected
    } else {
        0
    };
    let now = Utc::now();
    let rows: Vec<hazard_point::ActiveModel> = points
        .iter()
        .map(|p| hazard_point::ActiveModel {
            // v7 ids keep the file's order for `all`.
            id: Set(Uuid::now_v7()),
            tenant_id: Set(tenant),
            latitude: Set(p.lat),
            longitude: Set(p.lon),
            flood_score: Set(p.flood),
            wildfire_score: Set(p.wildfire),
            heat_score: Set(p.heat),
            source: Set(source.to_owned()),
            created_at: Set(now),
        })
        .collect();
    for chunk in rows.chunks(2000) {
        hazard_point::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.conn().await?)
            .await?;
    }
    Ok(deleted)
}
