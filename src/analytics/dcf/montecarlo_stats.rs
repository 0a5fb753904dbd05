//! Summary statistics of Monte Carlo outcomes: mean, standard deviation, percentiles, histogram.

use serde::Serialize;

/// Summary of one outcome over the paths where it exists; statistics are null when `count` is 0.
/// Percentiles interpolate linearly between order statistics (Hyndman–Fan type 7, as Excel's
/// PERCENTILE.INC); the standard deviation is the sample one (n − 1), 0 for a single path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub count: usize,
    pub mean: Option<f64>,
    pub std_dev: Option<f64>,
    pub p5: Option<f64>,
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub p95: Option<f64>,
}

/// `counts[i]` values fall in `[edges[i], edges[i+1])` (the last bin includes its upper edge).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
}

pub(super) fn summarize(values: &[f64]) -> Summary {
    let n = values.len();
    if n == 0 {
        return Summary {
            count: 0,
            mean: None,
            std_dev: None,
            p5: None,
            p10: None,
            p50: None,
            p90: None,
            p95: None,
        };
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = values.iter().sum::<f64>() / n as f64;
    let var = if n > 1 {
        values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64
    } else {
        0.0
    };
    let q = |p: f64| {
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(n - 1);
        Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
    };
    Summary {
        count: n,
        mean: Some(mean),
        std_dev: Some(var.sqrt()),
        p5: q(0.05),
        p10: q(0.10),
        p50: q(0.50),
        p90: q(0.90),
        p95: q(0.95),
    }
}

pub(super) fn histogram(values: &[f64], bins: usize) -> Histogram {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.is_empty() || hi <= lo {
        // All values equal (e.g. zero spreads): one bin holds them all.
        let edge = if values.is_empty() { 0.0 } else { lo };
        return Histogram {
            edges: vec![edge, edge],
            counts: vec![values.len() as u64],
        };
    }
    let width = (hi - lo) / bins as f64;
    let edges = (0..=bins)
        .map(|i| if i == bins { hi } else { lo + width * i as f64 })
        .collect();
    let mut counts = vec![0u64; bins];
    for v in values {
        let i = (((v - lo) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    Histogram { edges, counts }
}

#[cfg(test)]
mod tests;
