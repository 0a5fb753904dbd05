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
mod tests {
    use super::*;

    #[test]
    fn equal_weights_give_the_ordinary_median() {
        assert_eq!(weighted_median(&[3.0, 1.0, 2.0], &[1.0, 1.0, 1.0]), Some(2.0));
        assert_eq!(weighted_median(&[4.0, 1.0, 2.0, 3.0], &[1.0, 1.0, 1.0, 1.0]), Some(2.5));
    }

    #[test]
    fn a_heavy_weight_pulls_the_median_to_its_value() {
        assert_eq!(weighted_median(&[1.0, 2.0, 10.0], &[1.0, 1.0, 5.0]), Some(10.0));
    }

    #[test]
    fn zero_weights_are_ignored_and_empty_input_gives_none() {
        assert_eq!(weighted_median(&[1.0, 5.0], &[0.0, 1.0]), Some(5.0));
        assert_eq!(weighted_median(&[], &[]), None);
    }

    #[test]
    fn mad_and_effective_n_match_hand_values() {
        assert_eq!(weighted_mad(&[1.0, 2.0, 4.0], &[1.0, 1.0, 1.0], 2.0), Some(1.0));
        assert!((effective_n(&[1.0, 1.0, 1.0, 1.0]) - 4.0).abs() < 1e-12);
        assert!((effective_n(&[1.0, 0.0]) - 1.0).abs() < 1e-12);
    }
}
