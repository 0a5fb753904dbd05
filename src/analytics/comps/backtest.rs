//! Backtest: value each normal sale in a window as of its own sale date from strictly earlier
//! sales only, then score the predictions with the IAAO ratio study.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::CompError;
use super::config::CompConfig;
use super::model::CompModel;
use super::sale::{Sale, Subject};
use crate::analytics::stats::{RatioStudy, ratio_study};

/// One backtest prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestPrediction {
    pub sale_id: String,
    pub sale_date: NaiveDate,
    pub sale_price: f64,
    pub estimate: f64,
    pub low_80: f64,
    pub high_80: f64,
    pub confidence: f64,
    pub comps_used: usize,
    /// The comps' estimate before the blend with the trees.
    pub comps_estimate: f64,
    pub tree_estimate: Option<f64>,
    pub blend_weight: f64,
    /// The regime whose calibration gave the interval (see `CompValuation::market_moving`).
    pub market_moving: Option<bool>,
}

/// A subject the engine could not value, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestFailure {
    pub sale_id: String,
    pub reason: String,
}

/// Predictions in (date, id) order, failures, and the ratio study of the predictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub predictions: Vec<BacktestPrediction>,
    pub failures: Vec<BacktestFailure>,
    /// `None` when nothing could be valued.
    pub metrics: Option<RatioStudy>,
}

/// Runs the protocol of docs/avm.md. One model is fitted per distinct subject date with
/// `as_of` = that date, so neither the hedonic fit, the calibration nor the comps see a sale on
/// or after the date being valued.
pub fn run_backtest(sales: &[Sale], from: NaiveDate, to: NaiveDate, cfg: &CompConfig) -> Result<Backtest, CompError> {
    run_backtest_with_progress(sales, from, to, cfg, &|_, _| {})
}

/// Subjects (`normal` sales dated within `[from, to]`) in the order the backtest reports them.
pub fn backtest_subjects(sales: &[Sale], from: NaiveDate, to: NaiveDate) -> Vec<&Sale> {
    let mut subjects: Vec<&Sale> = sales
        .iter()
        .filter(|s| s.condition.eq_ignore_ascii_case("normal") && s.sale_date >= from && s.sale_date <= to)
        .collect();
    subjects.sort_by(|a, b| a.sale_date.cmp(&b.sale_date).then_with(|| a.id.cmp(&b.id)));
    subjects
}

/// `run_backtest` that calls `progress(done, total)` after each subject is valued (or fails);
/// calls arrive from worker threads in no particular order, `done` counts up to `total`.
pub fn run_backtest_with_progress(
    sales: &[Sale],
    from: NaiveDate,
    to: NaiveDate,
    cfg: &CompConfig,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Backtest, CompError> {
    if from > to {
        return Err(CompError::InvalidWindow { from, to });
    }
    let subjects = backtest_subjects(sales, from, to);
    let total = subjects.len();
    let done = AtomicUsize::new(0);
    let tick = |n: usize| progress(done.fetch_add(n, Ordering::Relaxed) + n, total);
    let mut dates: Vec<NaiveDate> = subjects.iter().map(|s| s.sale_date).collect();
    dates.dedup();
    let per_date: Vec<Vec<Result<BacktestPrediction, BacktestFailure>>> = dates
        .par_iter()
        .map(|&date| {
            let group: Vec<&Sale> = subjects.iter().copied().filter(|s| s.sale_date == date).collect();
            match CompModel::fit(sales, date, cfg) {
                Ok(model) => group
                    .par_iter()
                    .map(|s| {
                        let p = predict(&model, s);
                        tick(1);
                        p
                    })
                    .collect(),
                Err(e) => {
                    tick(group.len());
                    group
                        .iter()
                        .map(|s| {
                            Err(BacktestFailure {
                                sale_id: s.id.clone(),
                                reason: e.to_string(),
                            })
                        })
                        .collect()
                }
            }
        })
        .collect();
    let mut predictions = Vec::new();
    let mut failures = Vec::new();
    for r in per_date.into_iter().flatten() {
        match r {
            Ok(p) => predictions.push(p),
            Err(f) => failures.push(f),
        }
    }
    let metrics = if predictions.is_empty() {
        None
    } else {
        let est: Vec<f64> = predictions.iter().map(|p| p.estimate).collect();
        let price: Vec<f64> = predictions.iter().map(|p| p.sale_price).collect();
        let iv: Vec<(f64, f64)> = predictions.iter().map(|p| (p.low_80, p.high_80)).collect();
        ratio_study(&est, &price, Some(&iv)).ok()
    };
    Ok(Backtest {
        from,
        to,
        predictions,
        failures,
        metrics,
    })
}

fn predict(model: &CompModel, s: &Sale) -> Result<BacktestPrediction, BacktestFailure> {
    let v = model
        .value(&Subject::from(s), s.sale_date)
        .map_err(|e| BacktestFailure {
            sale_id: s.id.clone(),
            reason: e.to_string(),
        })?;
    Ok(BacktestPrediction {
        sale_id: s.id.clone(),
        sale_date: s.sale_date,
        sale_price: s.price,
        estimate: v.estimate,
        low_80: v.low_80,
        high_80: v.high_80,
        confidence: v.confidence,
        comps_used: v.comps.len(),
        comps_estimate: v.comps_value,
        tree_estimate: v.tree_value,
        blend_weight: v.blend_weight,
        market_moving: v.market_moving,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
