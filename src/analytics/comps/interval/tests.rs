//! Unit tests of `analytics::comps::interval`.
use super::*;

#[test]
fn quantiles_of_one_to_nineteen_hand_check() {
    // n = 19, level 0.8: lower rank ⌊20·0.1⌋ = 2, upper rank ⌈20·0.9⌉ = 18.
    let scores: Vec<f64> = (1..=19).map(f64::from).collect();
    let c = Calibration::from_scores(scores, 0.8).unwrap();
    assert_eq!((c.lo, c.hi), (2.0, 18.0));
}

#[test]
fn bounds_scale_with_spread() {
    let c = Calibration::from_scores(vec![-1.0, 0.0, 1.0], 0.8).unwrap();
    let (lo, hi) = c.bounds(100.0, 0.1);
    assert!((lo - 100.0 * (-0.1_f64).exp()).abs() < 1e-9);
    assert!((hi - 100.0 * 0.1_f64.exp()).abs() < 1e-9);
}

#[test]
fn within_ten_percent_counts_small_scores() {
    let c = Calibration::from_scores(vec![-0.5, 0.5, 2.0, -3.0], 0.8).unwrap();
    // spread 0.1: limit ≈ 0.953, so two of four scores fall inside.
    assert!((c.within_ten_percent(0.1) - 0.5).abs() < 1e-12);
}

#[test]
fn no_scores_give_no_calibration() {
    assert!(Calibration::from_scores(vec![f64::NAN], 0.8).is_none());
}
