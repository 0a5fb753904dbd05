//! The DCF part of scoring: every imported property with leases or a unit mix is valued by the
//! DCF engine from its stored rows, with the pipeline's `[dcf]` defaults where the property has
//! no assumptions or leasing profile of its own, and saved as a `dcf` valuation.
use super::{ImportOptions, ImportReport, PipelineError, Target};
use crate::analytics::dcf::{self, DcfInput, RawDcfInput, RawMarketLeasing, ValueOptions};
use crate::persistence::TenantTx;
use crate::persistence::repositories::{dcf_inputs, leases, scoped};
use crate::pipeline::DcfDefaults;
use crate::services::property_dcf::{self, Assumptions};
use chrono::{Datelike, NaiveDate};
use reos_entities::property;
use sea_orm::{ColumnTrait, QueryFilter};
use std::collections::HashSet;
use uuid::Uuid;

fn note(report: &mut ImportReport, reason: &str) {
    *report.scoring_notes.entry(reason.to_owned()).or_default() += 1;
}

/// The first month after `today`, `YYYY-MM`.
fn next_month(today: NaiveDate) -> String {
    let (y, m) = if today.month() == 12 {
        (today.year() + 1, 1)
    } else {
        (today.year(), today.month() + 1)
    };
    format!("{y:04}-{m:02}")
}

fn defaults(d: &DcfDefaults, today: NaiveDate) -> Assumptions {
    Assumptions {
        analysis_start: Some(next_month(today)),
        hold_years: Some(d.hold_years),
        purchase_price: None,
        discount_rate: Some(d.discount_rate),
        equity_discount_rate: None,
        exit_cap_rate: Some(d.exit_cap_rate),
        selling_cost_pct: Some(d.selling_cost_pct),
        closing_cost_pct: Some(d.closing_cost_pct),
        market_rent_growth: Some(d.market_rent_growth),
        expense_growth: Some(d.expense_growth),
        general_vacancy_pct: Some(d.general_vacancy_pct),
        other_income_annual: Some(0.0),
        management_fee_pct: Some(d.management_fee_pct),
        capital_reserve_annual: Some(d.capital_reserve_annual),
        turnover_months: Some(d.turnover_months),
        concessions_pct: Some(d.concessions_pct),
        bad_debt_pct: Some(d.bad_debt_pct),
    }
}

/// Adds the default profile for every lease `mla` the property does not define (noting when its
/// market rent is the in-place mean). Returns false when a market rent is needed but neither
/// configured nor derivable.
fn fill_profiles(raw: &mut RawDcfInput, d: &DcfDefaults, report: &mut ImportReport) -> bool {
    let Some(leases) = raw.leases.as_ref() else { return true };
    let rents: Vec<f64> = leases.iter().filter_map(|l| l.rent_psf).collect();
    let mean = (!rents.is_empty()).then(|| rents.iter().sum::<f64>() / rents.len() as f64);
    let names: HashSet<String> = leases.iter().filter_map(|l| l.mla.clone()).collect();
    let profiles = raw.market_leasing.get_or_insert_with(Default::default);
    for name in names {
        if profiles.contains_key(&name) {
            continue;
        }
        let Some(rent) = d.market_leasing.market_rent_psf.or(mean) else {
            return false;
        };
        if d.market_leasing.market_rent_psf.is_none() {
            note(report, "dcf_market_rent_from_in_place_rents");
        }
        let profile = RawMarketLeasing {
            market_rent_psf: Some(rent),
            ..d.market_leasing.clone()
        };
        profiles.insert(name, profile);
    }
    true
}

/// Values one property; the reason it could not be valued otherwise.
async fn one(
    tx: &TenantTx,
    opts: &ImportOptions,
    p: property::Model,
    report: &mut ImportReport,
) -> Result<Result<(), String>, PipelineError> {
    let id = p.id;
    let mut rows = dcf_inputs::rows(tx, p).await?;
    let stored = rows
        .assumptions
        .take()
        .map(|a| Assumptions::from_row(&a))
        .unwrap_or_default();
    let mut raw = property_dcf::raw_input(&rows, defaults(&opts.settings.dcf, opts.today).overlay(stored));
    if !fill_profiles(&mut raw, &opts.settings.dcf, report) {
        return Ok(Err("dcf_no_market_rent".into()));
    }
    let input = match DcfInput::from_raw(raw.clone()) {
        Ok(i) => i,
        Err(e) => return Ok(Err(format!("dcf_invalid: {}", e.field()))),
    };
    let result = match dcf::value_with_options(&input, ValueOptions { ledger: false }) {
        Ok(r) => r,
        Err(e) => return Ok(Err(format!("dcf_invalid: {}", e.field()))),
    };
    let row =
        property_dcf::valuation_row(tx, &opts.actor, id, &raw, &result).map_err(|e| PipelineError::Dcf(e.message()))?;
    crate::persistence::repositories::records::save_valuations(tx, vec![row]).await?;
    Ok(Ok(()))
}

/// Runs the DCF for each of `ids` that has leases or a unit mix.
pub(super) async fn all(
    target: Target<'_>,
    opts: &ImportOptions,
    ids: &[Uuid],
    report: &mut ImportReport,
) -> Result<bool, PipelineError> {
    let tx = target.begin().await?;
    // What to restore when a cancellation rolls the DCF valuations back.
    let (counts, notes) = (report.counts.clone(), report.scoring_notes.clone());
    for chunk in ids.chunks(500) {
        if opts.cancelled() {
            tx.rollback().await?;
            (report.counts, report.scoring_notes) = (counts, notes);
            *report.scoring_notes.entry("interrupted".into()).or_default() += ids.len() as u64;
            return Ok(false);
        }
        let with_leases = leases::for_properties(tx.get(), chunk).await?;
        let with_units = leases::unit_mix_for(tx.get(), chunk).await?;
        let wanted: Vec<Uuid> = chunk
            .iter()
            .filter(|id| with_leases.contains_key(id) || with_units.contains_key(id))
            .copied()
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let props = scoped::<property::Entity>(tx.get())
            .filter(property::Column::Id.is_in(wanted))
            .all(tx.get().conn().await?)
            .await?;
        for p in props {
            match one(tx.get(), opts, p, report).await? {
                Ok(()) => {
                    // The valuation and its model provenance row.
                    report.counts.dcf_valuations += 1;
                    report.counts.provenance += 1;
                }
                Err(reason) => note(report, &reason),
            }
        }
    }
    tx.commit().await?;
    Ok(true)
}
