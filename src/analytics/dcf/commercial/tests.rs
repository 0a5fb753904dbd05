//! Unit tests of `analytics::dcf::commercial`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

#[test]
fn round_half_up_rounds_exact_halves_up() {
    assert_eq!(round_half_up(1.5), 2);
    assert_eq!(round_half_up(2.5), 3);
    assert_eq!(round_half_up(0.5), 1);
}

#[test]
fn round_half_up_treats_values_within_1e9_of_a_half_as_half() {
    assert_eq!(round_half_up(1.5 - 5e-10), 2);
    assert_eq!(round_half_up(0.3 * 5.0), 2);
    assert_eq!(round_half_up(1.5 - 1e-6), 1);
    assert_eq!(round_half_up(1.8), 2);
    assert_eq!(round_half_up(1.2), 1);
    assert_eq!(round_half_up(0.0), 0);
}

#[test]
fn scheduled_rent_sums_each_lease_year_with_its_escalation() {
    let seg = Segment {
        start: 6,
        end_excl: 6 + 60,
        monthly_rent: 6750.0,
        escalation: 0.03,
        free_months: 3,
        recovery: SegRecovery::Gross,
    };
    let expected: f64 = (0..5).map(|k| 81000.0 * 1.03f64.powi(k)).sum();
    assert!((scheduled_rent(&seg) - expected).abs() < 1e-6);
}
