//! Rolling-origin evaluation (docs/comp-critic.md): the backtest of docs/avm.md run on several
//! consecutive windows, each subject valued from the sales before its date only, with every
//! window's ratio study, the pooled study over all windows, and each metric's bootstrap noise
//! (the standard deviation over resamples of the window's own predictions), so that a change is
//! judged against the noise of every window and not tuned to one.
use super::CompError;
use super::backtest::{Backtest, BacktestPrediction, run_backtest};
use super::config::CompConfig;
use crate::analytics::stats::ratio::{RatioStudy, ratio_study};
use chrono::NaiveDate;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

/// The spread of a metric over bootstrap resamples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Noise {
    pub mdape: f64,
    pub cod: f64,
    pub coverage: Option<f64>,
}

/// One window's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowResult {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub n: usize,
    pub failures: usize,
    pub metrics: Option<RatioStudy>,
    pub noise: Option<Noise>,
    /// Least and greatest weight of the boosted trees over the window's fits.
    pub blend_weights: Option<[f64; 2]>,
}

/// Every window and the pool of all their predictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rolling {
    pub windows: Vec<WindowResult>,
    pub pooled: Option<RatioStudy>,
    /// Resampling each window within itself (a stratified bootstrap of the pool).
    pub pooled_noise: Option<Noise>,
    pub bootstrap_replicates: usize,
    pub seed: u64,
}

fn study(preds: &[&BacktestPrediction]) -> Option<RatioStudy> {
    let est: Vec<f64> = preds.iter().map(|p| p.estimate).collect();
    let price: Vec<f64> = preds.iter().map(|p| p.sale_price).collect();
    let iv: Vec<(f64, f64)> = preds.iter().map(|p| (p.low_80, p.high_80)).collect();
    ratio_study(&est, &price, Some(&iv)).ok()
}

fn sd(v: &[f64]) -> f64 {
    if v.len() < 2 {
        return 0.0;
    }
    let m = v.iter().sum::<f64>() / v.len() as f64;
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

/// The spread of MdAPE, COD and coverage when each group of `groups` is resampled with
/// replacement within itself, `reps` times.
fn bootstrap(groups: &[&[BacktestPrediction]], reps: usize, rng: &mut ChaCha8Rng) -> Option<Noise> {
    if groups.iter().all(|g| g.is_empty()) || reps < 2 {
        return None;
    }
    let (mut mdape, mut cod, mut coverage) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..reps {
        let sample: Vec<&BacktestPrediction> = groups
            .iter()
            .flat_map(|g| {
                let draws: Vec<&BacktestPrediction> = (0..g.len()).map(|_| &g[rng.random_range(0..g.len())]).collect();
                draws
            })
            .collect();
        if let Some(s) = study(&sample) {
            mdape.push(s.mdape);
            cod.push(s.cod);
            coverage.extend(s.coverage);
        }
    }
    Some(Noise {
        mdape: sd(&mdape),
        cod: sd(&cod),
        coverage: (!coverage.is_empty()).then(|| sd(&coverage)),
    })
}

/// Runs the backtest on each window, then the pooled study and the bootstrap noise (`reps`
/// resamples drawn from ChaCha8 seeded with `seed`, so the numbers repeat).
pub fn run_rolling(
    sales: &[super::sale::Sale],
    windows: &[(NaiveDate, NaiveDate)],
    cfg: &CompConfig,
    reps: usize,
    seed: u64,
) -> Result<Rolling, CompError> {
    let runs: Vec<Backtest> = windows
        .iter()
        .map(|(from, to)| run_backtest(sales, *from, *to, cfg))
        .collect::<Result<_, _>>()?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let results = runs
        .iter()
        .map(|bt| WindowResult {
            from: bt.from,
            to: bt.to,
            n: bt.predictions.len(),
            failures: bt.failures.len(),
            metrics: bt.metrics.clone(),
            noise: bootstrap(&[&bt.predictions], reps, &mut rng),
            blend_weights: bt
                .predictions
                .iter()
                .map(|p| p.blend_weight)
                .fold(None, |r, w| match r {
                    None => Some([w, w]),
                    Some([lo, hi]) => Some([lo.min(w), hi.max(w)]),
                }),
        })
        .collect();
    let all: Vec<&BacktestPrediction> = runs.iter().flat_map(|bt| &bt.predictions).collect();
    let groups: Vec<&[BacktestPrediction]> = runs.iter().map(|bt| bt.predictions.as_slice()).collect();
    Ok(Rolling {
        windows: results,
        pooled: study(&all),
        pooled_noise: bootstrap(&groups, reps, &mut rng),
        bootstrap_replicates: reps,
        seed,
    })
}

#[cfg(test)]
mod tests;
