//! Monte Carlo: N seeded paths, each a full engine run with sampled market rent growth,
//! expense growth, general vacancy, exit cap and a renewal-probability shift.
//!
//! Path i draws from ChaCha8 seeded with `seed` on stream i, so results do not depend on
//! rayon's thread count. A draw outside the valid range is redrawn (and counted), never clamped.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};

use super::engine;
use super::error::DcfError;
use super::knobs::Knobs;
use super::model::{DcfInput, Property};

use super::montecarlo_dist::{Dist, Sampler};
use super::montecarlo_stats::{Histogram, Summary, histogram, summarize};
use super::output::ValueOptions;

/// Draws allowed per variable and path before the spec is refused as mostly invalid.
const MAX_DRAWS: u32 = 1000;

/// Which variables vary, and how. A variable left out keeps the input's value.
/// All are absolute values (exit cap before the hazard adjustment) except
/// `renewal_probability_shift`, which is added to every renewal probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MonteCarloSpec {
    pub market_rent_growth: Option<Dist>,
    pub expense_growth: Option<Dist>,
    pub general_vacancy_pct: Option<Dist>,
    pub exit_cap_rate: Option<Dist>,
    pub renewal_probability_shift: Option<Dist>,
    /// Number of NPV histogram bins.
    pub histogram_bins: usize,
}

impl Default for MonteCarloSpec {
    fn default() -> Self {
        MonteCarloSpec {
            market_rent_growth: None,
            expense_growth: None,
            general_vacancy_pct: None,
            exit_cap_rate: None,
            renewal_probability_shift: None,
            histogram_bins: 20,
        }
    }
}

/// Distribution of outcomes over all paths.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarloResult {
    pub paths: usize,
    pub seed: u64,
    /// Paths whose IRR is null (no sign change) are left out of the IRR summaries.
    pub unlevered_irr: Summary,
    pub levered_irr: Summary,
    pub npv: Summary,
    pub probability_npv_negative: f64,
    pub npv_histogram: Histogram,
    /// Draws rejected as out of range and redrawn, over all paths and variables.
    pub resampled_draws: u64,
}

/// One varied variable: how to draw it, where to put it, and which values are valid.
struct Variable {
    field: &'static str,
    sampler: Sampler,
    set: fn(&mut Knobs, f64),
    valid: Box<dyn Fn(f64) -> bool + Sync>,
}

struct PathOutcome {
    npv: f64,
    unlevered_irr: Option<f64>,
    levered_irr: Option<f64>,
    redraws: u64,
}

/// Runs `paths` seeded paths in parallel; same input, spec and seed give the same numbers.
pub fn monte_carlo(
    input: &DcfInput,
    spec: &MonteCarloSpec,
    paths: usize,
    seed: u64,
) -> Result<MonteCarloResult, DcfError> {
    monte_carlo_until(input, spec, paths, seed, &AtomicBool::new(false))
}

/// [`monte_carlo`] that gives up with [`DcfError::Cancelled`] soon after `stop` is set (each
/// path checks it before it runs).
pub fn monte_carlo_until(
    input: &DcfInput,
    spec: &MonteCarloSpec,
    paths: usize,
    seed: u64,
    stop: &AtomicBool,
) -> Result<MonteCarloResult, DcfError> {
    if paths == 0 {
        return Err(DcfError::invalid("paths", "must be at least 1"));
    }
    if spec.histogram_bins == 0 {
        return Err(DcfError::invalid("monte_carlo.histogram_bins", "must be at least 1"));
    }
    let variables = variables(input, spec)?;
    let base = Knobs::of(input);
    let outcomes: Vec<Result<PathOutcome, DcfError>> = (0..paths)
        .into_par_iter()
        .map(|i| {
            if stop.load(Ordering::Relaxed) {
                return Err(DcfError::Cancelled);
            }
            run_path(input, &base, &variables, seed, i as u64)
        })
        .collect();
    let outcomes = outcomes.into_iter().collect::<Result<Vec<_>, _>>()?;
    let npvs: Vec<f64> = outcomes.iter().map(|o| o.npv).collect();
    let u: Vec<f64> = outcomes.iter().filter_map(|o| o.unlevered_irr).collect();
    let l: Vec<f64> = outcomes.iter().filter_map(|o| o.levered_irr).collect();
    let negative = npvs.iter().filter(|v| **v < 0.0).count();
    Ok(MonteCarloResult {
        paths,
        seed,
        unlevered_irr: summarize(&u),
        levered_irr: summarize(&l),
        npv: summarize(&npvs),
        probability_npv_negative: negative as f64 / paths as f64,
        npv_histogram: histogram(&npvs, spec.histogram_bins),
        resampled_draws: outcomes.iter().map(|o| o.redraws).sum(),
    })
}

fn run_path(input: &DcfInput, base: &Knobs, vars: &[Variable], seed: u64, path: u64) -> Result<PathOutcome, DcfError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(path);
    let mut knobs = *base;
    let mut redraws = 0;
    for v in vars {
        let mut tries = 0;
        let x = loop {
            let x = v.sampler.draw(&mut rng);
            if (v.valid)(x) {
                break x;
            }
            tries += 1;
            if tries >= MAX_DRAWS {
                return Err(DcfError::invalid(
                    v.field,
                    format!("no valid value in {MAX_DRAWS} draws on path {path}"),
                ));
            }
        };
        redraws += u64::from(tries);
        (v.set)(&mut knobs, x);
    }
    let r = engine::run(input, &knobs, ValueOptions::default());
    Ok(PathOutcome {
        npv: r.npv,
        unlevered_irr: r.unlevered_irr,
        levered_irr: r.levered_irr,
        redraws,
    })
}

fn variables(input: &DcfInput, spec: &MonteCarloSpec) -> Result<Vec<Variable>, DcfError> {
    let mut out = Vec::new();
    let rate = |x: f64| x > -1.0 && x < 1.0;
    let mut add =
        |d: &Option<Dist>, field: &'static str, set: fn(&mut Knobs, f64), valid: Box<dyn Fn(f64) -> bool + Sync>| {
            if let Some(d) = d {
                out.push(Variable {
                    field,
                    sampler: Sampler::new(d, field)?,
                    set,
                    valid,
                });
            }
            Ok::<(), DcfError>(())
        };
    add(
        &spec.market_rent_growth,
        "monte_carlo.market_rent_growth",
        |k, x| k.rent_growth = x,
        Box::new(rate),
    )?;
    add(
        &spec.expense_growth,
        "monte_carlo.expense_growth",
        |k, x| k.expense_growth = x,
        Box::new(rate),
    )?;
    let other_losses = match &input.property {
        Property::Multifamily(mf) => mf.concessions_pct + mf.bad_debt_pct,
        Property::Commercial(_) => 0.0,
    };
    add(
        &spec.general_vacancy_pct,
        "monte_carlo.general_vacancy_pct",
        |k, x| k.vacancy = x,
        Box::new(move |x| (0.0..1.0).contains(&x) && x + other_losses < 1.0),
    )?;
    add(
        &spec.exit_cap_rate,
        "monte_carlo.exit_cap_rate",
        |k, x| k.exit_cap = x,
        Box::new(|x| x > 0.0 && x < 1.0),
    )?;
    let (lo, hi) = renewal_range(input);
    add(
        &spec.renewal_probability_shift,
        "monte_carlo.renewal_probability_shift",
        |k, x| k.renewal_shift = x,
        Box::new(move |x| x.is_finite() && lo + x >= 0.0 && hi + x <= 1.0),
    )?;
    Ok(out)
}

/// Lowest and highest renewal probability in the input (leases' own and MLAs').
fn renewal_range(input: &DcfInput) -> (f64, f64) {
    let Property::Commercial(c) = &input.property else {
        return (0.0, 0.0);
    };
    let own = c
        .suites
        .iter()
        .filter_map(|s| s.lease.and_then(|l| l.renewal_probability));
    let mla = c.mlas.iter().map(|m| m.renewal_probability);
    own.chain(mla)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p), hi.max(p)))
}

#[cfg(test)]
mod tests;
