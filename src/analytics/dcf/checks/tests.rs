//! Unit tests of `analytics::dcf::checks`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

#[test]
fn year_month_counts_months_from_year_zero() {
    assert_eq!(year_month("2026-01", "f").unwrap(), 2026 * 12);
    assert_eq!(year_month("2026-12", "f").unwrap(), 2026 * 12 + 11);
}

#[test]
fn malformed_months_are_refused_with_the_field_name() {
    for s in ["2026-13", "2026-00", "26-01", "2026/01", "2026-1", "abcd-01"] {
        assert_eq!(year_month(s, "leases[0].start").unwrap_err().field(), "leases[0].start");
    }
}

#[test]
fn whole_refuses_fractions_and_out_of_range() {
    assert!(whole(2.5, "f", 0, 10).is_err());
    assert!(whole(11.0, "f", 0, 10).is_err());
    assert_eq!(whole(10.0, "f", 0, 10).unwrap(), 10);
}

#[test]
fn rates_must_lie_strictly_inside_minus_one_and_one() {
    assert!(rate(1.0, "f").is_err());
    assert!(rate(-1.0, "f").is_err());
    assert!(rate(-0.5, "f").is_ok());
}
