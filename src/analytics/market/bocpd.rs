//! Bayesian online changepoint detection (Adams & MacKay 2007, Algorithm 1) with a constant
//! hazard and a Normal-Gamma prior, so each run's predictive is a Student-t. Log space, no
//! run-length truncation, online: [`Bocpd::step`] takes one observation (or a missing one) and
//! updates the run-length posterior; nothing looks ahead.
//!
//! Conventions (docs/market.md): after observation x_t the run length r_t is in 0..=t, with
//! P(r_0 = 0) = 1. Growth: P(r_t = r+1) ∝ P(r_{t-1} = r) · π_r(x_t) · (1 − H); change:
//! P(r_t = 0) ∝ Σ_r P(r_{t-1} = r) · π_r(x_t) · H; normalized each step. π_r is the predictive of
//! run r; run 0 holds the prior; run r+1 at t is run r at t−1 updated with x_t. So r_t = 0 is the
//! fresh segment that will receive x_{t+1} (its probability is exactly H) and P(r_t = 1) is the
//! probability that x_t opened a new segment. A missing value adds no likelihood: every run grows
//! with 1 − H, the change mass is H, and no statistics change.
use serde::{Deserialize, Serialize};
use statrs::function::gamma::ln_gamma;

/// Why the detector cannot be set up.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BocpdError {
    #[error("{field} {reason}")]
    Invalid { field: &'static str, reason: String },
}

/// The hazard and the Normal-Gamma prior (μ0, κ0, α0, β0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Hyper {
    /// Expected run length: the hazard is H = 1/λ.
    pub lambda: f64,
    pub mu0: f64,
    pub kappa0: f64,
    pub alpha0: f64,
    pub beta0: f64,
}

impl Default for Hyper {
    /// For standardized series: a change every 60 months on average, a prior of one pseudo
    /// observation centred on 0 with unit scale.
    fn default() -> Self {
        Self {
            lambda: 60.0,
            mu0: 0.0,
            kappa0: 1.0,
            alpha0: 1.0,
            beta0: 1.0,
        }
    }
}

impl Hyper {
    /// λ > 1 (so 0 < H < 1), μ0 finite, κ0, α0, β0 > 0; errors name the parameter.
    pub fn validate(&self) -> Result<(), BocpdError> {
        let bad = |field, reason: &str| {
            Err(BocpdError::Invalid {
                field,
                reason: reason.to_owned(),
            })
        };
        if !(self.lambda.is_finite() && self.lambda > 1.0) {
            return bad("lambda", "must be a finite number above 1 (the hazard is 1/lambda)");
        }
        if !self.mu0.is_finite() {
            return bad("mu0", "must be finite");
        }
        for (field, v) in [("kappa0", self.kappa0), ("alpha0", self.alpha0), ("beta0", self.beta0)] {
            if !(v.is_finite() && v > 0.0) {
                return bad(field, "must be a finite number above 0");
            }
        }
        Ok(())
    }
}

/// Sufficient statistics of one run (the Normal-Gamma posterior after its observations).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    mu: f64,
    kappa: f64,
    alpha: f64,
    beta: f64,
}

impl Run {
    fn updated(self, x: f64) -> Self {
        let kappa = self.kappa + 1.0;
        Self {
            mu: (self.kappa * self.mu + x) / kappa,
            kappa,
            alpha: self.alpha + 0.5,
            beta: self.beta + self.kappa * (x - self.mu).powi(2) / (2.0 * kappa),
        }
    }

    /// log of the Student-t predictive density at x: ν = 2α, location μ,
    /// scale² = β(κ+1)/(ακ).
    fn ln_predictive(&self, x: f64, ln_gamma_ratio: f64) -> f64 {
        let nu = 2.0 * self.alpha;
        let scale2 = self.beta * (self.kappa + 1.0) / (self.alpha * self.kappa);
        let z = (x - self.mu).powi(2) / (nu * scale2);
        ln_gamma_ratio - 0.5 * (nu * std::f64::consts::PI * scale2).ln() - 0.5 * (nu + 1.0) * z.ln_1p()
    }
}

/// What the detector says after one observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// 1-based index of the observation.
    pub t: usize,
    /// P(r_t = 1): the probability that this observation opened a new segment.
    pub p_new: f64,
    /// The most probable run length (the smallest on ties).
    pub map_run_length: usize,
    /// Σ_r P(r_t = r) μ_r, the posterior mean (μ_0 = the prior mean).
    pub mean: f64,
}

/// The online detector.
#[derive(Debug, Clone)]
pub struct Bocpd {
    prior: Run,
    ln_h: f64,
    ln_1mh: f64,
    /// log P(r_t = r, x_1:t), normalized, for r in 0..=t.
    ln_probs: Vec<f64>,
    /// Run r's statistics, for r in 0..=t.
    runs: Vec<Run>,
    /// ln Γ(α + ½) − ln Γ(α) by the number of half-steps α has taken from α0 (α only grows by ½
    /// per observation, so the ratio is tabled instead of computed per run and step).
    ln_gamma_ratio: Vec<f64>,
    t: usize,
    /// Buffers the next step's posterior is built in.
    spare_probs: Vec<f64>,
    spare_runs: Vec<Run>,
}

impl Bocpd {
    pub fn new(hyper: &Hyper) -> Result<Self, BocpdError> {
        hyper.validate()?;
        let h = 1.0 / hyper.lambda;
        let prior = Run {
            mu: hyper.mu0,
            kappa: hyper.kappa0,
            alpha: hyper.alpha0,
            beta: hyper.beta0,
        };
        Ok(Self {
            prior,
            ln_h: h.ln(),
            ln_1mh: (-h).ln_1p(),
            ln_probs: vec![0.0],
            runs: vec![prior],
            ln_gamma_ratio: Vec::new(),
            t: 0,
            spare_probs: Vec::new(),
            spare_runs: Vec::new(),
        })
    }

    /// ln Γ(α+½) − ln Γ(α) for a run whose α is α0 + n/2.
    fn gamma_ratio(&mut self, alpha: f64) -> f64 {
        let n = ((alpha - self.prior.alpha) * 2.0).round() as usize;
        while self.ln_gamma_ratio.len() <= n {
            let a = self.prior.alpha + self.ln_gamma_ratio.len() as f64 / 2.0;
            self.ln_gamma_ratio.push(ln_gamma(a + 0.5) - ln_gamma(a));
        }
        self.ln_gamma_ratio[n]
    }

    /// Takes observation x_t (None or a non-finite value: missing) and returns what the posterior
    /// says now.
    pub fn step(&mut self, x: Option<f64>) -> Step {
        self.observe(x);
        let mean = self
            .ln_probs
            .iter()
            .zip(&self.runs)
            .map(|(p, run)| p.exp() * run.mu)
            .sum();
        Step {
            t: self.t,
            p_new: self.p_new(),
            map_run_length: self.map_run_length(),
            mean,
        }
    }

    /// [`Bocpd::step`] without the posterior mean (what a tracker that only needs run lengths
    /// calls: one exponential per run and step fewer).
    pub fn observe(&mut self, x: Option<f64>) {
        let x = x.filter(|v| v.is_finite());
        self.t += 1;
        let n = self.ln_probs.len();
        // The new posterior is built in the spare buffers, then swapped in (no allocation per step).
        let mut probs = std::mem::take(&mut self.spare_probs);
        let mut runs = std::mem::take(&mut self.spare_runs);
        probs.clear();
        runs.clear();
        probs.push(f64::NEG_INFINITY);
        runs.push(self.prior);
        match x {
            Some(x) => {
                for r in 0..n {
                    let run = self.runs[r];
                    let ratio = self.gamma_ratio(run.alpha);
                    probs.push(self.ln_probs[r] + run.ln_predictive(x, ratio));
                    runs.push(run.updated(x));
                }
                // The evidence Σ_r P(r_{t-1} = r) π_r(x_t) is also the normaliser: the change
                // and growth masses are H and 1 − H of it.
                let evidence = log_sum_exp(&probs[1..]);
                probs[0] = self.ln_h;
                for p in &mut probs[1..] {
                    *p += self.ln_1mh - evidence;
                }
            }
            None => {
                probs[0] = self.ln_h;
                probs.extend(self.ln_probs.iter().map(|p| p + self.ln_1mh));
                runs.extend(self.runs.iter().copied());
            }
        }
        self.spare_probs = std::mem::replace(&mut self.ln_probs, probs);
        self.spare_runs = std::mem::replace(&mut self.runs, runs);
    }

    /// How many observations (missing ones included) the detector has taken.
    pub fn t(&self) -> usize {
        self.t
    }

    /// P(r_t = 1): the probability that the last observation opened a new segment.
    pub fn p_new(&self) -> f64 {
        self.ln_probs.get(1).map_or(0.0, |p| p.exp())
    }

    /// The most probable run length (the smallest on ties).
    pub fn map_run_length(&self) -> usize {
        let mut map = 0;
        for (r, p) in self.ln_probs.iter().enumerate() {
            if *p > self.ln_probs[map] {
                map = r;
            }
        }
        map
    }

    /// P(r_t = r) for r in 0..=t.
    pub fn run_length_posterior(&self) -> Vec<f64> {
        self.ln_probs.iter().map(|p| p.exp()).collect()
    }

    /// The probability that a segment began within the last `months` observations:
    /// Σ_{r=1..=months} P(r_t = r).
    pub fn p_change_within(&self, months: usize) -> f64 {
        self.ln_probs.iter().skip(1).take(months).map(|p| p.exp()).sum()
    }
}

/// ln Σ exp(v), stable; −∞ for an empty slice.
fn log_sum_exp(v: &[f64]) -> f64 {
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + v.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
}

/// Runs the detector over a whole series (each step sees only what came before it and itself).
pub fn run(hyper: &Hyper, xs: &[Option<f64>]) -> Result<Vec<Step>, BocpdError> {
    let mut d = Bocpd::new(hyper)?;
    Ok(xs.iter().map(|x| d.step(*x)).collect())
}

#[cfg(test)]
mod tests;
