//! Scoring after the write: a Comp-Critic valuation of every imported property, saved to
//! `valuations` like `runValuation` does; properties that cannot be valued are counted by reason.
use super::{ImportOptions, ImportReport, PipelineError, Target};
use crate::persistence::repositories::properties::latest_hazards;
use crate::persistence::repositories::records::{model_record, provenance_row};
use crate::persistence::repositories::scoped;
use crate::services::comps::{CompService, ValuationError};
use crate::services::valuations::{MODEL, comp_row, subject_of_property};
use chrono::Utc;
use reos_entities::{property, valuation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
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
            .all(tx.get().conn().await?)
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
            let row = comp_row(tx.get().tenant().uuid(), &opts.actor, svc.config(), p.id, &subject, &v)
                .map_err(|e| PipelineError::Valuation(e.message()))?;
            let rec = model_record(row.id, MODEL.as_str(), v.valuation.estimate, &opts.actor);
            records.push(provenance_row(row.tenant_id, row.id, rec, Utc::now()));
            saved.push(valuation::ActiveModel::from(row));
        }
    }
    report.counts.valuations += saved.len() as u64;
    for chunk in saved.chunks(1000) {
        valuation::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.get().conn().await?)
            .await?;
    }
    report.counts.provenance += records.len() as u64;
    super::bulk::provenance(tx.get().conn().await?, &records).await?;
    tx.commit().await?;
    Ok(true)
}

/// Reasons are map keys: keep them short and free of per-property detail after the first clause.
fn short(reason: &str) -> String {
    reason.split([':', '(']).next().unwrap_or(reason).trim().to_owned()
}
