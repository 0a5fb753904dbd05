//! Unit tests of `analytics::dcf::irr`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

#[test]
fn flows_without_a_sign_change_have_no_irr() {
    assert_eq!(irr(&[100.0, 10.0, 10.0]).rate, None);
    assert_eq!(irr(&[-100.0, -10.0, 0.0]).rate, None);
    assert_eq!(irr(&[0.0, 0.0]).rate, None);
}

#[test]
fn a_simple_bond_yields_its_coupon() {
    let r = irr(&[-100.0, 8.0, 8.0, 108.0]).rate.unwrap();
    assert!((r - 0.08).abs() < 1e-12, "{r}");
    assert!(!irr(&[-100.0, 8.0, 8.0, 108.0]).multiple_sign_changes);
}

#[test]
fn negative_irrs_down_to_minus_99_percent_are_found() {
    let r = irr(&[-100.0, 5.0]).rate.unwrap();
    assert!((r + 0.95).abs() < 1e-12, "{r}");
    assert_eq!(irr(&[-100.0, 0.5]).rate, None);
}

#[test]
fn multiple_sign_changes_give_the_lowest_root_and_a_flag() {
    // -100 + 230/(1+r) - 132/(1+r)^2 = 0 has roots r = 10% and r = 20%.
    let out = irr(&[-100.0, 230.0, -132.0]);
    assert!(out.multiple_sign_changes);
    let r = out.rate.unwrap();
    assert!((r - 0.10).abs() < 1e-12, "{r}");
}

#[test]
fn huge_returns_are_still_bracketed() {
    let r = irr(&[-1.0, 50.0]).rate.unwrap();
    assert!((r - 49.0).abs() < 1e-9, "{r}");
}

#[test]
fn npv_discounts_end_of_year() {
    assert!((npv(0.1, &[-100.0, 110.0])).abs() < 1e-12);
}
