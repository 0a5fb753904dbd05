//! Tests of the Monte Carlo driver: reproducibility, thread independence, degenerate spreads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::analytics::dcf::value;

const DENVER: &str = include_str!("../../../../golden/dcf/denver-office/input.json");

fn denver() -> DcfInput {
    DcfInput::from_json_str(DENVER).unwrap()
}

fn spread_spec() -> MonteCarloSpec {
    MonteCarloSpec {
        market_rent_growth: Some(Dist::Normal {
            mean: 0.03,
            std_dev: 0.01,
        }),
        expense_growth: Some(Dist::Triangular {
            min: 0.02,
            mode: 0.03,
            max: 0.045,
        }),
        general_vacancy_pct: Some(Dist::Uniform { min: 0.0, max: 0.08 }),
        exit_cap_rate: Some(Dist::Normal {
            mean: 0.0675,
            std_dev: 0.005,
        }),
        renewal_probability_shift: Some(Dist::Uniform { min: -0.2, max: 0.1 }),
        histogram_bins: 10,
    }
}

#[test]
fn the_same_seed_gives_the_same_numbers_and_another_seed_does_not() {
    let input = denver();
    let a = monte_carlo(&input, &spread_spec(), 200, 7).unwrap();
    let b = monte_carlo(&input, &spread_spec(), 200, 7).unwrap();
    let c = monte_carlo(&input, &spread_spec(), 200, 8).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.npv.mean, c.npv.mean);
    assert!(a.npv.std_dev.unwrap() > 0.0);
    assert_eq!(a.npv_histogram.counts.iter().sum::<u64>(), 200);
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let input = denver();
    let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
    let one = pool(1).install(|| monte_carlo(&input, &spread_spec(), 300, 42).unwrap());
    let two = pool(2).install(|| monte_carlo(&input, &spread_spec(), 300, 42).unwrap());
    assert_eq!(one, two);
}

#[test]
fn zero_spreads_reproduce_the_deterministic_valuation() {
    let input = denver();
    let spec = MonteCarloSpec {
        market_rent_growth: Some(Dist::Normal {
            mean: 0.03,
            std_dev: 0.0,
        }),
        expense_growth: Some(Dist::Triangular {
            min: 0.03,
            mode: 0.03,
            max: 0.03,
        }),
        general_vacancy_pct: Some(Dist::Uniform { min: 0.03, max: 0.03 }),
        exit_cap_rate: Some(Dist::Normal {
            mean: 0.0675,
            std_dev: 0.0,
        }),
        renewal_probability_shift: Some(Dist::Normal {
            mean: 0.0,
            std_dev: 0.0,
        }),
        histogram_bins: 20,
    };
    let det = value(&input).unwrap();
    let mc = monte_carlo(&input, &spec, 50, 1).unwrap();
    assert_eq!(mc.npv.p50, Some(det.npv));
    assert_eq!(mc.unlevered_irr.p5, det.unlevered_irr);
    assert_eq!(mc.levered_irr.p95, det.levered_irr);
    assert!((mc.npv.mean.unwrap() - det.npv).abs() < 1e-6);
    assert!(mc.npv.std_dev.unwrap() < 1e-6);
    assert_eq!(mc.probability_npv_negative, 0.0);
    assert_eq!(mc.resampled_draws, 0);
}

#[test]
fn out_of_range_draws_are_redrawn_and_counted_not_clamped() {
    let input = denver();
    let spec = MonteCarloSpec {
        exit_cap_rate: Some(Dist::Normal {
            mean: 0.005,
            std_dev: 0.01,
        }),
        ..MonteCarloSpec::default()
    };
    let mc = monte_carlo(&input, &spec, 100, 3).unwrap();
    assert!(mc.resampled_draws > 0);
    assert_eq!(mc.npv.count, 100);
}

#[test]
fn a_distribution_that_never_yields_a_valid_value_is_refused() {
    let spec = MonteCarloSpec {
        renewal_probability_shift: Some(Dist::Uniform { min: 0.5, max: 0.9 }),
        ..MonteCarloSpec::default()
    };
    let err = monte_carlo(&denver(), &spec, 10, 3).unwrap_err();
    assert_eq!(err.field(), "monte_carlo.renewal_probability_shift");
}

#[test]
fn bad_distribution_parameters_and_zero_paths_are_refused() {
    let spec = MonteCarloSpec {
        expense_growth: Some(Dist::Triangular {
            min: 0.05,
            mode: 0.01,
            max: 0.04,
        }),
        ..MonteCarloSpec::default()
    };
    assert_eq!(
        monte_carlo(&denver(), &spec, 10, 3).unwrap_err().field(),
        "monte_carlo.expense_growth"
    );
    assert_eq!(
        monte_carlo(&denver(), &MonteCarloSpec::default(), 0, 3)
            .unwrap_err()
            .field(),
        "paths"
    );
}

#[test]
fn the_spec_reads_from_json_and_refuses_unknown_fields() {
    let spec: MonteCarloSpec =
        serde_json::from_str(r#"{"exit_cap_rate": {"dist": "triangular", "min": 0.06, "mode": 0.0675, "max": 0.08}}"#)
            .unwrap();
    assert_eq!(spec.histogram_bins, 20);
    assert!(
        serde_json::from_str::<MonteCarloSpec>(r#"{"exit_cap": {"dist": "uniform", "min": 0, "max": 1}}"#).is_err()
    );
    assert!(
        serde_json::from_str::<MonteCarloSpec>(r#"{"exit_cap_rate": {"dist": "uniform", "min": 0, "maxx": 1}}"#)
            .is_err()
    );
}

#[test]
fn a_set_stop_flag_cancels_the_run() {
    let input = DcfInput::from_json_str(DENVER).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(true);
    let r = super::monte_carlo_until(&input, &spread_spec(), 10_000, 7, &stop);
    assert_eq!(r.unwrap_err(), DcfError::Cancelled);
}
