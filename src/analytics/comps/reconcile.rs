//! Robust centre and spread of adjusted comp prices: weighted median and weighted MAD.

/// Weighted median: the smallest value whose cumulative weight reaches half the total,
/// averaged with the next value when the half falls exactly on a boundary.
pub fn weighted_median(values: &[f64], weights: &[f64]) -> Option<f64> {
    let mut pairs: Vec<(f64, f64)> = values
        .iter()
        .zip(weights)
        .filter(|(v, w)| v.is_finite() && w.is_finite() && **w > 0.0)
        .map(|(v, w)| (*v, *w))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    let half = total / 2.0;
    let mut cum = 0.0;
    for (i, (v, w)) in pairs.iter().enumerate() {
        cum += w;
        if (cum - half).abs() <= 1e-12 * total {
            return Some(pairs.get(i + 1).map_or(*v, |n| 0.5 * (v + n.0)));
        }
        if cum > half {
            return Some(*v);
        }
    }
    pairs.last().map(|p| p.0)
}

/// Weighted median absolute deviation around `centre`.
pub fn weighted_mad(values: &[f64], weights: &[f64], centre: f64) -> Option<f64> {
    let dev: Vec<f64> = values.iter().map(|v| (v - centre).abs()).collect();
    weighted_median(&dev, weights)
}

/// Kish effective sample size of a set of weights.
pub fn effective_n(weights: &[f64]) -> f64 {
    let s: f64 = weights.iter().sum();
    let s2: f64 = weights.iter().map(|w| w * w).sum();
    if s2 > 0.0 { s * s / s2 } else { 0.0 }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
