//! Unit tests of `analytics::comps::backtest`.
use super::*;
use crate::analytics::comps::testdata::synthetic_sales;

#[test]
fn a_reversed_window_is_refused() {
    let d1 = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap();
    let d0 = NaiveDate::from_ymd_opt(2008, 1, 1).unwrap();
    assert!(matches!(
        run_backtest(&[], d1, d0, &CompConfig::default()),
        Err(CompError::InvalidWindow { .. })
    ));
}

#[test]
fn progress_counts_every_subject_once() {
    let sales = synthetic_sales(400, 5);
    let from = NaiveDate::from_ymd_opt(2008, 10, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2008, 12, 31).unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let bt = run_backtest_with_progress(&sales, from, to, &CompConfig::default(), &|d, t| {
        seen.lock().unwrap().push((d, t))
    })
    .unwrap();
    let mut seen = seen.into_inner().unwrap();
    seen.sort_unstable();
    let n = bt.predictions.len() + bt.failures.len();
    assert!(n > 0);
    assert_eq!(seen.len(), n);
    assert_eq!(seen.last(), Some(&(n, n)));
    assert_eq!(n, backtest_subjects(&sales, from, to).len());
}

#[test]
fn comps_beat_the_hedonic_model_alone_on_a_location_gradient_it_cannot_see() {
    // The synthetic law has an east-west price gradient and no neighbourhood labels, so only
    // nearby comps can recover it.
    // The trees (which see coordinates) are off on both sides: this compares comps with the
    // hedonic model.
    let sales = synthetic_sales(900, 11);
    let from = NaiveDate::from_ymd_opt(2008, 7, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2008, 12, 31).unwrap();
    let comps_only = CompConfig {
        tree_count: 0,
        ..CompConfig::default()
    };
    let bt = run_backtest(&sales, from, to, &comps_only).unwrap();
    assert!(bt.failures.is_empty());
    assert!(bt.predictions.len() > 100);
    assert!(
        bt.predictions
            .windows(2)
            .all(|w| (w[0].sale_date, &w[0].sale_id) <= (w[1].sale_date, &w[1].sale_id))
    );
    let hedonic_only = CompConfig {
        hedonic_prior_weight: 1e12,
        ..comps_only
    };
    let h = run_backtest(&sales, from, to, &hedonic_only).unwrap().metrics.unwrap();
    let m = bt.metrics.unwrap();
    assert!(m.mdape < 0.8 * h.mdape, "comps {} vs hedonic {}", m.mdape, h.mdape);
    assert!((m.median_ratio - 1.0).abs() < 0.02, "median ratio {}", m.median_ratio);
}
