//! Unit tests of `analytics::dcf::montecarlo_stats`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

#[test]
fn percentiles_interpolate_between_order_statistics() {
    let s = summarize(&[4.0, 1.0, 3.0, 2.0, 5.0]);
    assert_eq!(s.p50, Some(3.0));
    assert!((s.p10.unwrap() - 1.4).abs() < 1e-12);
    assert!((s.std_dev.unwrap() - 2.5f64.sqrt()).abs() < 1e-12);
}

#[test]
fn an_empty_outcome_has_null_statistics() {
    assert_eq!(summarize(&[]).mean, None);
}

#[test]
fn histogram_counts_every_value_once() {
    let h = histogram(&[0.0, 1.0, 2.0, 3.0, 10.0], 5);
    assert_eq!(h.counts.iter().sum::<u64>(), 5);
    assert_eq!(h.counts[4], 1);
    assert_eq!(h.edges.len(), 6);
}
