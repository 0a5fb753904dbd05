//! The requested-loan checks of lender fit, by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

fn program() -> LoanProgram {
    LoanProgram {
        max_ltv: Some(0.65),
        min_dscr: Some(1.25),
        min_debt_yield: Some(0.09),
        rate: 0.06,
        amortization_years: Some(30.0),
        ..LoanProgram::default()
    }
}

#[test]
fn a_loan_within_every_test_fails_none() {
    // 1.0M on 2.0M with NOI 120,000: LTV 50%, debt yield 12%, DSCR 120,000 / 71,946 = 1.67.
    assert!(failures(&program(), 2_000_000.0, 120_000.0, Some(1_000_000.0)).is_empty());
    assert!(failures(&program(), 2_000_000.0, 120_000.0, None).is_empty());
}

#[test]
fn each_failed_test_is_named_with_its_numbers() {
    // 1.4M on 2.0M: LTV 70%; DSCR 120,000 / (1.4M × 0.0719461) = 1.19; debt yield 8.57%.
    let f = failures(&program(), 2_000_000.0, 120_000.0, Some(1_400_000.0));
    assert_eq!(
        f,
        vec![
            "LTV 70.0% > 65.0% at the requested loan".to_owned(),
            "DSCR 1.19 < 1.25 at the requested loan".to_owned(),
            "debt yield 8.57% < 9.00% at the requested loan".to_owned(),
        ]
    );
}
