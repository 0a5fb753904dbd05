//! Unit tests of `analytics::comps::reconcile`.
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
