//! The hazards stage of an import: scores from the row, or from the tenant's hazard table (an
//! enrichment with its own provenance), priced with the configured weights into `property_hazards`.
use super::batch_writes::Writes;
use super::{ImportOptions, ImportReport, PipelineError};
use crate::persistence::repositories::records::provenance_row;
use crate::pipeline::{HazardMatch, HazardScores, WriteContext, assess, merge};
use chrono::{DateTime, Utc};
use reos_entities::property_hazard;
use sea_orm::Set;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// The hazard scores of a property row, recorded with provenance like its columns.
pub(super) const HAZARD_FIELDS: [&str; 3] = ["flood_score", "wildfire_score", "heat_score"];

/// Scores from the file when all three are given, else from the tenant's hazard table (recorded
/// as an enrichment with provenance); no row when neither answers.
pub(super) fn assess_into(
    tenant: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
    opts: &ImportOptions,
    merged: &mut Map<String, Value>,
    report: &mut ImportReport,
    w: &mut Writes,
) -> Result<(), PipelineError> {
    let score = |f: &str| merged.get(f).and_then(Value::as_f64);
    let value = score("list_price").or(score("purchase_price")).unwrap_or(0.0);
    let (scores, source) = match (score("flood_score"), score("wildfire_score"), score("heat_score")) {
        (Some(f), Some(wf), Some(h)) => (HazardScores::new(f, wf, h)?, "input"),
        _ => {
            let at = score("latitude").zip(score("longitude"));
            let found = match (&opts.hazard_table, at) {
                (Some(t), Some((lat, lon))) => t.lookup(lat, lon)?,
                _ => None,
            };
            let Some(found) = found else {
                *report.scoring_notes.entry("hazards_unavailable".into()).or_default() += 1;
                return Ok(());
            };
            enrich(tenant, id, now, opts, merged, &found, w)?;
            (found.scores, "hazard_table")
        }
    };
    let impact = assess(&scores, value, &opts.settings.hazards)?;
    w.hazards.push(property_hazard::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant),
        property_id: Set(id),
        flood_score: Set(Some(scores.flood())),
        wildfire_score: Set(Some(scores.wildfire())),
        heat_score: Set(Some(scores.heat())),
        composite_score: Set(impact.composite),
        annual_cost: Set(impact.annual_cost),
        value_adjustment_pct: Set(impact.value_adjustment_pct),
        source: Set(source.to_owned()),
        assessed_at: Set(now),
    });
    Ok(())
}

/// Records the hazard table's scores on the merged record, with provenance (an enrichment).
fn enrich(
    tenant: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
    opts: &ImportOptions,
    merged: &mut Map<String, Value>,
    found: &HazardMatch,
    w: &mut Writes,
) -> Result<(), PipelineError> {
    let s = found.scores;
    let ctx = WriteContext {
        entity: "property".into(),
        source: "hazard_table".into(),
        method: "enrichment".into(),
        confidence: 0.6,
        evidence_uri: Some(format!("hazard_table#point={}", found.index)),
        actor: opts.actor.clone(),
    };
    let values: Map<String, Value> = HAZARD_FIELDS
        .iter()
        .zip([s.flood(), s.wildfire(), s.heat()])
        .map(|(f, v)| (f.to_string(), json!(v)))
        .collect();
    let out = merge(Some(merged), &values, &ctx)?;
    w.provenance
        .extend(out.records.into_iter().map(|p| provenance_row(tenant, id, p, now)));
    *merged = out.merged;
    Ok(())
}
