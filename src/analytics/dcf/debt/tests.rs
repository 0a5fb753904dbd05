//! Unit tests of `analytics::dcf::debt`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

fn loan(rate: f64, years: u32, io: u32) -> Loan {
    Loan {
        amount: 1_000_000.0,
        rate,
        amortization_months: years * 12,
        io_months: io,
        fee_pct: 0.0,
    }
}

#[test]
fn one_million_at_six_percent_over_thirty_years_pays_5995_51() {
    let p = level_payment(1_000_000.0, 0.06, 360);
    assert!((p - 5995.51).abs() < 0.005, "{p}");
}

#[test]
fn balance_after_120_payments_is_836_857_25() {
    let s = schedule(&loan(0.06, 30, 0), 120);
    assert!((s.balance_at_sale - 836_857.25).abs() < 0.005, "{}", s.balance_at_sale);
}

#[test]
fn a_zero_rate_loan_repays_l_over_n_each_month() {
    let s = schedule(&loan(0.0, 10, 0), 130);
    assert!(s.payments[..120].iter().all(|p| (p - 1_000_000.0 / 120.0).abs() < 1e-6));
    assert!(s.payments[120..].iter().all(|p| *p == 0.0));
    assert_eq!(s.balance_at_sale, 0.0);
}

#[test]
fn interest_only_months_pay_interest_and_keep_the_balance() {
    let s = schedule(&loan(0.06, 30, 24), 24);
    assert!(s.payments.iter().all(|p| (p - 5000.0).abs() < 1e-9));
    assert_eq!(s.balance_at_sale, 1_000_000.0);
}

#[test]
fn payments_stop_once_the_loan_is_repaid() {
    let s = schedule(&loan(0.06, 5, 0), 72);
    let p = level_payment(1_000_000.0, 0.06, 60);
    let last = s.payments[59];
    assert!((last - p).abs() < 1e-3, "final payment {last} vs {p}");
    assert!(s.payments[60..].iter().all(|x| *x == 0.0));
    assert_eq!(s.balance_at_sale, 0.0);
}
