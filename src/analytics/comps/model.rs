//! `CompModel`: a hedonic fit, the pool of prior sales with its spatial index, the boosted trees
//! and their blend weight, and the split-conformal calibration (with its regime rule), fitted
//! once at a date and reused for later valuations.

use chrono::{Months, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use super::CompError;
use super::columns::Observation;
use super::config::CompConfig;
use super::explain::{CompUsed, Contribution};
use super::hedonic::HedonicModel;
use super::index::SpatialIndex;
use super::interval::Calibration;
use super::regime::{RegimeIntervals, RegimeTrack};
use super::sale::{Sale, Subject};
use super::trees::TreeLearner;

/// Version tag carried by every valuation so stored results can be traced to the method.
/// 2.0: the estimate blends the comps with boosted trees (`trees.rs`) by a learned weight, the
/// market index is smoothed on second differences, and the interval has the regime rule.
pub const MODEL_VERSION: &str = "comp-critic-2.0";

/// A valuation with its interval, comps and explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompValuation {
    pub estimate: f64,
    pub low_80: f64,
    pub high_80: f64,
    /// Calibrated probability that the price lies within ±10 % of the estimate: the share of
    /// out-of-sample calibration sales whose normalized error would fall inside ±10 % at this
    /// subject's comp spread.
    pub confidence: f64,
    /// The hedonic model's value before the comps' local correction.
    pub hedonic_value: f64,
    /// The comps' value (hedonic value corrected by the comparable sales) before the blend.
    pub comps_value: f64,
    /// The boosted trees' value, when the second learner is fitted.
    pub tree_value: Option<f64>,
    /// Weight of the trees in the blend: `estimate = comps^(1−w) · trees^w` (0 = comps alone).
    pub blend_weight: f64,
    /// The market regime in the month before the valuation date: moving (true: the detector's
    /// label is not STABLE) or calm (false); `None` when unknown or the regime rule is off. When
    /// moving, the interval also covers the errors of moving-market held-out sales.
    pub market_moving: Option<bool>,
    /// Weighted median absolute deviation of the adjusted comp log prices (floored).
    pub spread: f64,
    /// `split_conformal` or, when too few sales exist to hold out a calibration set, `hedonic_scale`.
    pub interval_method: &'static str,
    pub comps: Vec<CompUsed>,
    pub contributions: Vec<Contribution>,
    pub model_version: &'static str,
    pub n_candidates: usize,
}

/// A pool sale with its design row and hedonic residual precomputed.
#[derive(Debug, Clone)]
pub(crate) struct PoolSale {
    pub sale: Sale,
    pub row: Vec<f64>,
    pub loc: f64,
}

/// The fitted engine.
#[derive(Debug, Clone)]
pub struct CompModel {
    pub(crate) cfg: CompConfig,
    pub(crate) fitted_as_of: NaiveDate,
    pub(crate) hedonic: HedonicModel,
    pub(crate) pool: Vec<PoolSale>,
    pub(crate) index: SpatialIndex,
    pub(crate) calibration: Option<Calibration>,
    pub(crate) excluded_sales: usize,
    /// The second learner, fitted on the same training sales as the hedonic model.
    pub(crate) trees: Option<TreeLearner>,
    /// Weight of the trees' log estimate, learned on the calibration fold (0 without one).
    pub(crate) blend_weight: f64,
    /// The regime rule of the interval (`regime.rs`); `None` when it is off.
    pub(crate) regime_intervals: Option<RegimeIntervals>,
}

impl CompModel {
    /// Fits on sales strictly before `as_of` whose condition is a comp condition.
    pub fn fit(sales: &[Sale], as_of: NaiveDate, cfg: &CompConfig) -> Result<CompModel, CompError> {
        let before: Vec<&Sale> = sales.iter().filter(|s| s.sale_date < as_of).collect();
        // Records that would be refused as subjects cannot train or serve as comps either; they
        // are counted in `excluded_sales` rather than failing the whole fit.
        let mut prior: Vec<&Sale> = before
            .iter()
            .copied()
            .filter(|s| s.price.is_finite() && s.price > 0.0)
            .filter(|s| Subject::from(*s).validate(s.sale_date).is_ok())
            .collect();
        let excluded_sales = before.len() - prior.len();
        // A stable order makes the fit independent of the caller's ordering.
        prior.sort_by(|a, b| a.sale_date.cmp(&b.sale_date).then_with(|| a.id.cmp(&b.id)));
        let train: Vec<&Sale> = prior
            .iter()
            .copied()
            .filter(|s| cfg.is_train_condition(&s.condition))
            .collect();
        let comps: Vec<&Sale> = prior
            .iter()
            .copied()
            .filter(|s| cfg.is_comp_condition(&s.condition))
            .collect();
        let hedonic = HedonicModel::fit(&train, cfg)?;
        let mut model = CompModel::assemble(hedonic, &comps, as_of, cfg);
        model.trees = TreeLearner::fit(&train, cfg);
        if let Some(held_out) = calibrate(&train, &comps, as_of, cfg) {
            model.calibration = held_out.calibration;
            model.regime_intervals = held_out.regime_intervals;
            model.blend_weight = if model.trees.is_some() {
                held_out.blend_weight
            } else {
                0.0
            };
        }
        model.excluded_sales = excluded_sales;
        Ok(model)
    }

    fn assemble(hedonic: HedonicModel, eligible: &[&Sale], as_of: NaiveDate, cfg: &CompConfig) -> CompModel {
        let pool: Vec<PoolSale> = eligible
            .iter()
            .map(|s| {
                let row = hedonic.row(&Observation::of_sale(s));
                let loc = hedonic.neighborhood_effect(&row);
                PoolSale {
                    sale: (*s).clone(),
                    row,
                    loc,
                }
            })
            .collect();
        let points: Vec<(f64, f64)> = pool.iter().map(|p| (p.sale.lat, p.sale.lon)).collect();
        CompModel {
            cfg: cfg.clone(),
            fitted_as_of: as_of,
            hedonic,
            index: SpatialIndex::build(&points),
            pool,
            calibration: None,
            excluded_sales: 0,
            trees: None,
            blend_weight: 0.0,
            regime_intervals: None,
        }
    }

    /// Values `subject` as of `as_of` (not before the fit date) from pool sales before `as_of`.
    pub fn value(&self, subject: &Subject, as_of: NaiveDate) -> Result<CompValuation, CompError> {
        if as_of < self.fitted_as_of {
            return Err(CompError::AsOfBeforeFit {
                as_of,
                fitted: self.fitted_as_of,
            });
        }
        subject.validate(as_of)?;
        let a = self.assess(subject, as_of)?;
        Ok(self.explain(subject, as_of, &a))
    }

    pub fn fitted_as_of(&self) -> NaiveDate {
        self.fitted_as_of
    }

    /// Prior sales left out of the fit because a field was invalid (see `Subject::validate`).
    pub fn excluded_sales(&self) -> usize {
        self.excluded_sales
    }

    pub fn pool_size(&self) -> usize {
        self.pool.len()
    }

    pub fn hedonic(&self) -> &HedonicModel {
        &self.hedonic
    }

    pub fn config(&self) -> &CompConfig {
        &self.cfg
    }
}

/// One held-out sale: log price, the comps' and the trees' log estimates, the comps' spread.
type HeldSale = (f64, f64, Option<f64>, f64);

/// What the held-out fold teaches: the blend weight and the interval's calibrations.
struct HeldOut {
    blend_weight: f64,
    calibration: Option<Calibration>,
    regime_intervals: Option<RegimeIntervals>,
}

/// The held-out fold: the most recent `calibration_n` calibration-condition sales, each valued
/// from strictly earlier comps by a hedonic model and trees fitted on the sales before its slice;
/// learn the blend weight that minimizes their mean absolute log error (stacking on a
/// time-ordered fold), then keep the blended estimates' normalized log errors (split conformal),
/// pooled and per market regime of the month before each sale.
fn calibrate(train: &[&Sale], comps: &[&Sale], as_of: NaiveDate, cfg: &CompConfig) -> Option<HeldOut> {
    let mut cal: Vec<&Sale> = comps
        .iter()
        .copied()
        .filter(|s| cfg.is_calibration_condition(&s.condition))
        .collect();
    cal.sort_by(|a, b| b.sale_date.cmp(&a.sale_date).then_with(|| a.id.cmp(&b.id)));
    cal.truncate(cfg.calibration_n);
    let start = cal.iter().map(|s| s.sale_date).min()?;
    let end = cal.iter().map(|s| s.sale_date).max()?;
    // The fold is valued in slices of `calibration_refit_months`, each by models fitted on the
    // sales before the slice, as a valuation is made by a model fitted shortly before it: one
    // fit for the whole fold would value its later sales with a market index that stops at the
    // fold's start, which in a moving market biases every score one way.
    let mut cuts = vec![start];
    while let Some(next) = cuts
        .last()
        .and_then(|d| d.checked_add_months(Months::new(cfg.calibration_refit_months)))
        .filter(|d| cfg.calibration_refit_months > 0 && *d <= end)
    {
        cuts.push(next);
    }
    // (price, comps log estimate, trees log estimate, spread) and date of each held-out sale.
    let (held, dates): (Vec<HeldSale>, Vec<NaiveDate>) = cuts
        .par_iter()
        .enumerate()
        .flat_map(|(i, &from)| {
            let to = cuts.get(i + 1).copied();
            let slice: Vec<&Sale> = cal
                .iter()
                .copied()
                .filter(|s| s.sale_date >= from && to.is_none_or(|t| s.sale_date < t))
                .collect();
            let early: Vec<&Sale> = train.iter().copied().filter(|s| s.sale_date < from).collect();
            let Ok(hedonic) = HedonicModel::fit(&early, cfg) else {
                return Vec::new();
            };
            let mut model = CompModel::assemble(hedonic, comps, as_of, cfg);
            model.trees = TreeLearner::fit(&early, cfg);
            slice
                .par_iter()
                .filter_map(|s| {
                    let a = model.assess(&Subject::from(*s), s.sale_date).ok()?;
                    Some(((s.price.ln(), a.comps_log, a.tree_log, a.spread), s.sale_date))
                })
                .collect::<Vec<_>>()
        })
        .unzip();
    if held.len() < 20 {
        return None;
    }
    let blend_weight = learn_blend_weight(&held, cfg.blend_step);
    let scores: Vec<f64> = held
        .iter()
        .map(|&(y, c, t, spread)| (y - blend(c, t, blend_weight)) / spread)
        .collect();
    let dated: Vec<(NaiveDate, f64)> = dates.into_iter().zip(scores.iter().copied()).collect();
    let calibration = Calibration::from_scores(scores, cfg.interval_level);
    Some(HeldOut {
        blend_weight,
        regime_intervals: RegimeIntervals::learn(
            RegimeTrack::learn(train),
            &dated,
            calibration.as_ref(),
            cfg.interval_level,
            cfg.regime_min_scores,
        ),
        calibration,
    })
}

/// `(1 − w) · comps + w · trees` in logs; the comps alone without trees.
pub(crate) fn blend(comps_log: f64, tree_log: Option<f64>, w: f64) -> f64 {
    match tree_log {
        Some(t) if w > 0.0 => (1.0 - w) * comps_log + w * t,
        _ => comps_log,
    }
}

/// The weight on the grid 0, step, …, 1 with the least mean absolute log error; the smallest
/// such weight on ties, and 0 when no held-out sale has a trees estimate.
fn learn_blend_weight(held: &[HeldSale], step: f64) -> f64 {
    if step <= 0.0 || held.iter().all(|h| h.2.is_none()) {
        return 0.0;
    }
    let steps = (1.0 / step).round() as usize;
    let loss = |w: f64| held.iter().map(|&(y, c, t, _)| (y - blend(c, t, w)).abs()).sum::<f64>();
    (0..=steps)
        .map(|i| (i as f64 / steps as f64).min(1.0))
        .fold((0.0, f64::INFINITY), |(best_w, best), w| {
            let l = loss(w);
            if l < best - 1e-12 { (w, l) } else { (best_w, best) }
        })
        .0
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
