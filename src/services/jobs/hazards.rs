//! The `hazard_refresh` job: every property of the tenant with coordinates assessed again from
//! the tenant's stored hazard table (`reos import hazards`) — the nearest point within the
//! pipeline's `hazard_radius_m`, priced with its hazard weights — as a new `property_hazards` row
//! (source `hazard_table`), through the property walk of [`super::chunks`]. A property whose
//! latest assessment came from its own file (source `input`) keeps it; one without coordinates
//! or without a point in reach is counted by reason. A tenant without a hazard table has nothing
//! to refresh.
use super::chunks::{ChunkWork, Progress};
use crate::error::ApiError;
use crate::persistence::TenantTx;
use crate::persistence::repositories::properties::latest_hazards;
use crate::pipeline::{HazardTable, PipelineSettings, assess};
use crate::services::caller::Caller;
use reos_entities::{property, property_hazard};
use sea_orm::{EntityTrait, Set};
use uuid::Uuid;

pub struct Refresh<'a> {
    pub table: HazardTable,
    pub settings: &'a PipelineSettings,
}

impl ChunkWork for Refresh<'_> {
    async fn chunk(
        &self,
        c: &Caller<'_>,
        tx: &TenantTx,
        props: Vec<property::Model>,
        p: &mut Progress,
    ) -> Result<(), ApiError> {
        let ids: Vec<Uuid> = props.iter().map(|x| x.id).collect();
        let latest = latest_hazards(tx, &ids).await?;
        let now = chrono::Utc::now();
        let mut rows = Vec::new();
        for prop in props {
            if latest.get(&prop.id).is_some_and(|h| h.source == "input") {
                p.skip("own_scores");
                continue;
            }
            let (Some(lat), Some(lon)) = (prop.latitude, prop.longitude) else {
                p.skip("no_coordinates");
                continue;
            };
            let bad = |e: crate::pipeline::HazardError| ApiError::Internal(anyhow::anyhow!(e.to_string()));
            let Some(found) = self.table.lookup(lat, lon).map_err(bad)? else {
                p.skip("no_point_in_reach");
                continue;
            };
            let value = prop.list_price.or(prop.purchase_price).unwrap_or(0.0);
            let s = found.scores;
            let impact = assess(&s, value, &self.settings.hazards).map_err(bad)?;
            rows.push(property_hazard::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(c.tenant()),
                property_id: Set(prop.id),
                flood_score: Set(Some(s.flood())),
                wildfire_score: Set(Some(s.wildfire())),
                heat_score: Set(Some(s.heat())),
                composite_score: Set(impact.composite),
                annual_cost: Set(impact.annual_cost),
                value_adjustment_pct: Set(impact.value_adjustment_pct),
                source: Set("hazard_table".into()),
                assessed_at: Set(now),
            });
            p.count("assessed");
        }
        if !rows.is_empty() {
            property_hazard::Entity::insert_many(rows)
                .exec_without_returning(tx.conn().await?)
                .await?;
        }
        c.audit(
            "refresh",
            "property_hazards",
            None,
            serde_json::json!({"properties": ids.len()}),
        )
        .await?;
        Ok(())
    }
}
