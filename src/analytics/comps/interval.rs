//! Split-conformal interval on normalized log ratios: calibration sales valued out of sample give
//! scores `log(price/estimate) / spread`, whose empirical quantiles scale each new interval.

use serde::Serialize;

/// Calibrated score quantiles.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    /// Lower and upper score quantiles (signed, in units of local spread).
    pub lo: f64,
    pub hi: f64,
    /// Sorted absolute scores, for the within-10 % confidence.
    abs_scores: Vec<f64>,
    pub n: usize,
}

/// Conformal order statistic: the ⌈(n+1)·q⌉-th smallest score, clamped to the sample.
fn conformal_quantile(sorted: &[f64], q: f64, upper: bool) -> f64 {
    let n = sorted.len();
    // The tolerance keeps ranks such as 20 · 0.1 from falling to 1.999… through rounding.
    let rank = if upper {
        ((n as f64 + 1.0) * q - 1e-9).ceil() as usize
    } else {
        ((n as f64 + 1.0) * q + 1e-9).floor() as usize
    };
    sorted[rank.clamp(1, n) - 1]
}

impl Calibration {
    /// `scores` are signed `log(price/estimate) / spread`; `None` when there are none.
    pub fn from_scores(mut scores: Vec<f64>, level: f64) -> Option<Calibration> {
        scores.retain(|s| s.is_finite());
        if scores.is_empty() {
            return None;
        }
        scores.sort_by(f64::total_cmp);
        let tail = (1.0 - level) / 2.0;
        let lo = conformal_quantile(&scores, tail, false);
        let hi = conformal_quantile(&scores, 1.0 - tail, true);
        let mut abs_scores: Vec<f64> = scores.iter().map(|s| s.abs()).collect();
        abs_scores.sort_by(f64::total_cmp);
        Some(Calibration {
            lo,
            hi,
            n: scores.len(),
            abs_scores,
        })
    }

    /// The wider of two calibrations at each end; confidence is read off `other`'s scores.
    pub fn envelope(&self, other: &Calibration) -> Calibration {
        Calibration {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
            abs_scores: other.abs_scores.clone(),
            n: other.n,
        }
    }

    /// Interval bounds around `estimate` for a subject whose local spread is `spread`.
    pub fn bounds(&self, estimate: f64, spread: f64) -> (f64, f64) {
        (estimate * (self.lo * spread).exp(), estimate * (self.hi * spread).exp())
    }

    /// Share of calibration sales that would have landed within ±10 % at this spread: an
    /// empirical probability that the price is within 10 % of the estimate.
    pub fn within_ten_percent(&self, spread: f64) -> f64 {
        if self.abs_scores.is_empty() || spread <= 0.0 {
            return 0.0;
        }
        let limit = 1.1_f64.ln() / spread;
        let inside = self.abs_scores.partition_point(|s| *s < limit);
        inside as f64 / self.abs_scores.len() as f64
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
