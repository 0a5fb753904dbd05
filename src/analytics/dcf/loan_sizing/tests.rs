//! Loan sizing checked by hand on the mortgage-only golden property (year-1 NOI 120,000).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

const MORTGAGE: &str = include_str!("../../../../golden/dcf/mortgage-only/input.json");

fn input() -> DcfInput {
    DcfInput::from_json_str(MORTGAGE).unwrap()
}

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
fn the_loan_constant_is_twelve_level_payments_or_the_rate_when_interest_only() {
    // 6% over 360 months: 0.00599550525 a month per dollar.
    assert!((program().loan_constant() - 12.0 * 0.005_995_505_251_527_2).abs() < 1e-12);
    let io = LoanProgram {
        amortization_years: None,
        ..program()
    };
    assert_eq!(io.loan_constant(), 0.06);
    let zero = LoanProgram {
        amortization_years: Some(0.0),
        ..program()
    };
    assert_eq!(zero.loan_constant(), 0.06);
}

#[test]
fn ltv_binds_at_two_million_and_debt_yield_at_two_and_a_half() {
    // NNN rent 120,000 + recoveries 30,000 − taxes 30,000 = NOI 120,000.
    let (s, r) = size_loan(&input(), 2_000_000.0, &program()).unwrap();
    assert!((s.noi_year1 - 120_000.0).abs() < 1e-6);
    assert_eq!(s.binding, Constraint::Ltv);
    assert!((s.amount - 1_300_000.0).abs() < 1e-6);
    assert!((s.limits.debt_yield.unwrap() - 120_000.0 / 0.09).abs() < 1e-6);
    assert!((s.limits.dscr.unwrap() - 120_000.0 / (1.25 * program().loan_constant())).abs() < 1e-6);
    assert!((r.loan_amount - s.amount).abs() < 1e-9, "the engine ran the sized loan");
    assert!((s.ltv - 0.65).abs() < 1e-12);

    let (s, _) = size_loan(&input(), 2_500_000.0, &program()).unwrap();
    assert_eq!(s.binding, Constraint::DebtYield);
    assert!((s.amount - 1_333_333.333_333).abs() < 1e-3);
    assert!((s.debt_yield.unwrap() - 0.09).abs() < 1e-12);
}

#[test]
fn a_binding_dscr_gives_exactly_the_minimum_dscr_in_year_one() {
    let p = LoanProgram {
        min_dscr: Some(1.40),
        min_debt_yield: None,
        ..program()
    };
    let (s, r) = size_loan(&input(), 3_000_000.0, &p).unwrap();
    assert_eq!(s.binding, Constraint::Dscr);
    assert!((s.dscr_year1.unwrap() - 1.40).abs() < 1e-9, "{:?}", s.dscr_year1);
    assert!((r.years[0].noi / r.years[0].debt_service - 1.40).abs() < 1e-9);
}

#[test]
fn interest_only_programs_pay_interest_for_the_whole_hold() {
    let p = LoanProgram {
        amortization_years: None,
        ..program()
    };
    let (s, r) = size_loan(&input(), 2_000_000.0, &p).unwrap();
    assert!((r.loan_balance_at_sale - s.amount).abs() < 1e-6);
    assert!((r.years[0].debt_service - 0.06 * s.amount).abs() < 1e-6);
}

#[test]
fn fees_are_a_share_of_the_sized_loan_and_raise_equity() {
    let p = LoanProgram {
        fee_pct: Some(0.01),
        ..program()
    };
    let (s, r) = size_loan(&input(), 2_000_000.0, &p).unwrap();
    assert!((s.fee - 13_000.0).abs() < 1e-6);
    assert!((-r.levered_cash_flows[0] - (2_000_000.0 - 1_300_000.0 + 13_000.0)).abs() < 1e-6);
}

#[test]
fn bad_programs_are_refused_naming_the_field() {
    let cases = [
        (
            LoanProgram {
                max_ltv: Some(1.5),
                ..program()
            },
            "program.max_ltv",
        ),
        (
            LoanProgram {
                min_dscr: Some(0.0),
                ..program()
            },
            "program.min_dscr",
        ),
        (
            LoanProgram {
                rate: -0.01,
                ..program()
            },
            "program.rate",
        ),
        (
            LoanProgram {
                rate: f64::NAN,
                ..program()
            },
            "program.rate",
        ),
        (
            LoanProgram {
                io_months: Some(2.5),
                ..program()
            },
            "program.io_months",
        ),
        (
            LoanProgram {
                amortization_years: Some(10.01),
                ..program()
            },
            "program.amortization_years",
        ),
        (
            LoanProgram {
                max_ltv: None,
                min_dscr: None,
                min_debt_yield: None,
                ..program()
            },
            "program",
        ),
        (
            LoanProgram {
                max_ltv: None,
                min_debt_yield: None,
                rate: 0.0,
                amortization_years: None,
                ..program()
            },
            "program.min_dscr",
        ),
    ];
    for (p, field) in cases {
        let e = size_loan(&input(), 1_000_000.0, &p).unwrap_err();
        assert_eq!(e.field(), field, "{p:?}: {e}");
    }
    assert_eq!(size_loan(&input(), 0.0, &program()).unwrap_err().field(), "price");
}

#[test]
fn no_income_means_no_loan_under_an_income_test() {
    let mut v: serde_json::Value = serde_json::from_str(MORTGAGE).unwrap();
    v["leases"][0]["rent_psf"] = serde_json::json!(0.0);
    let input = DcfInput::from_json_str(&v.to_string()).unwrap();
    let (s, r) = size_loan(&input, 2_000_000.0, &program()).unwrap();
    assert_eq!(s.amount, 0.0);
    assert_eq!(s.binding, Constraint::Dscr);
    assert_eq!(r.loan_amount, 0.0);
    assert_eq!(s.dscr_year1, None);
}
