//! Unit tests of `analytics::comps::weights`.
use super::*;

#[test]
fn an_identical_comp_next_door_today_has_weight_one() {
    let k = kernel(0.0, 0.0, &[0.0, 0.0], &CompConfig::default());
    assert!((k.weight() - 1.0).abs() < 1e-12);
}

#[test]
fn one_bandwidth_away_in_distance_gives_exp_minus_half() {
    let cfg = CompConfig::default();
    let k = kernel(cfg.bandwidth_km, 0.0, &[], &cfg);
    assert!((k.weight() - (-0.5_f64).exp()).abs() < 1e-12);
}

#[test]
fn larger_adjustments_lower_similarity() {
    let cfg = CompConfig::default();
    let near = kernel(0.5, 30.0, &[0.02], &cfg).weight();
    let far = kernel(0.5, 30.0, &[0.02, 0.2], &cfg).weight();
    assert!(far < near);
}
