//! Scoring after the write: a Comp-Critic valuation of every imported property, saved to
//! `valuations` like `runValuation` does; properties that cannot be valued are counted by reason.
use super::{ImportOptions, ImportReport, PipelineError, Target};
use crate::analytics::comps::MODEL_VERSION;
use crate::domain::hash::sha256_hex;
use crate::persistence::repositories::properties::latest_hazards;
use crate::persistence::repositories::records::{model_record, provenance_row};
use crate::persistence::repositories::scoped;
use crate::services::comps::{CompService, ValuationError};
use crate::services::valuations::MODEL;
use crate::services::valuations::subject_of_property;
use chrono::Utc;
use reos_entities::{property, valuation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

fn note(report: &mut ImportReport, reason: &str, n: u64) {
    *report.scoring_notes.entry(reason.to_owned()).or_default() += n;
}

/// Values `ids` as of `opts.today`; a tenant without sales skips them all (`no_sales`). Returns
/// false when the run was cancelled: nothing of the scoring is kept (one transaction, rolled back).
pub(super) async fn all(
    target: Target<'_>,
    svc: &CompService,
    opts: &ImportOptions,
    ids: &[Uuid],
    report: &mut ImportReport,
) -> Result<bool, PipelineError> {
    if ids.is_empty() {
        return Ok(true);
    }
    let tx = target.begin().await?;
    let as_of = opts.today;
    match svc.model(tx.get(), as_of).await {
        Err(ValuationError::NoSales { .. }) => {
            note(report, "no_sales", ids.len() as u64);
            return Ok(true);
        }
        Err(e) => {
            note(report, &format!("model: {e}"), ids.len() as u64);
            return Ok(true);
        }
        Ok(_) => {}
    }
    let (mut saved, mut records) = (Vec::new(), Vec::new());
    let notes = report.scoring_notes.clone();
    for chunk in ids.chunks(500) {
        if opts.cancelled() {
            tx.rollback().await?;
            report.scoring_notes = notes;
            note(report, "interrupted", ids.len() as u64);
            return Ok(false);
        }
        let props = scoped::<property::Entity>(tx.get())
            .filter(property::Column::Id.is_in(chunk.to_vec()))
            .all(tx.get().conn())
            .await?;
        let hazards = latest_hazards(tx.get(), chunk).await?;
        for p in props {
            let composite = hazards.get(&p.id).map(|h| h.composite_score);
            let Ok(subject) = subject_of_property(&p, composite) else {
                note(report, "incomplete_attributes", 1);
                continue;
            };
            let v = match svc.value(tx.get(), subject.clone(), as_of).await {
                Ok(v) => v,
                Err(ValuationError::Comp(e)) => {
                    note(report, &format!("comp: {}", short(&e.to_string())), 1);
                    continue;
                }
                Err(ValuationError::Db(e)) => return Err(e.into()),
                Err(e) => {
                    note(report, &short(&e.to_string()), 1);
                    continue;
                }
            };
            let inputs = serde_json::json!({
                "model": MODEL.as_str(), "model_version": MODEL_VERSION, "as_of": as_of,
                "subject": &subject, "config": svc.config(), "sales": &v.fingerprint,
            });
            let result = serde_json::json!({"as_of": as_of, "subject": &subject, "valuation": &v.valuation});
            let id = Uuid::now_v7();
            let rec = model_record(id, MODEL.as_str(), v.valuation.estimate, &opts.actor);
            records.push(provenance_row(tx.get().tenant().uuid(), id, rec, Utc::now()));
            saved.push(valuation::ActiveModel {
                id: Set(id),
                tenant_id: Set(tx.get().tenant().uuid()),
                property_id: Set(Some(p.id)),
                model: Set(MODEL),
                model_version: Set(MODEL_VERSION.to_owned()),
                inputs_hash: Set(sha256_hex(inputs.to_string().as_bytes())),
                value: Set(Some(v.valuation.estimate)),
                result: Set(result),
                noi_year1: Set(None),
                created_by: Set(opts.actor.clone()),
                created_at: Set(Utc::now()),
            });
        }
    }
    report.counts.valuations += saved.len() as u64;
    for chunk in saved.chunks(1000) {
        valuation::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.get().conn())
            .await?;
    }
    report.counts.provenance += records.len() as u64;
    super::bulk::provenance(tx.get().conn(), &records).await?;
    tx.commit().await?;
    Ok(true)
}

/// Reasons are map keys: keep them short and free of per-property detail after the first clause.
fn short(reason: &str) -> String {
    reason.split([':', '(']).next().unwrap_or(reason).trim().to_owned()
}
