//! The regime track and the per-regime interval calibrations on a market that is flat for four
//! years, then falls 2 % a month.

use chrono::NaiveDate;

use super::*;
use crate::analytics::comps::interval::Calibration;
use crate::analytics::comps::testdata::falling_market;
use crate::analytics::market::series::add_months;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2001, 1, 1).unwrap()
}

fn track() -> RegimeTrack {
    let sales = falling_market();
    RegimeTrack::learn(&sales.iter().collect::<Vec<_>>())
}

#[test]
fn a_date_reads_the_month_before_it_and_later_dates_the_last_month() {
    let t = track();
    assert_eq!(t.len(), 72);
    assert_eq!(t.index_before(start()), None, "nothing before the first month");
    assert_eq!(t.index_before(NaiveDate::from_ymd_opt(2001, 2, 15).unwrap()), Some(0));
    assert_eq!(t.index_before(add_months(start(), 72)), Some(71));
    assert_eq!(
        t.index_before(add_months(start(), 100)),
        Some(71),
        "clamped to the last month"
    );
}

#[test]
fn the_flat_years_are_calm_and_the_fall_is_moving() {
    let t = track();
    // Too little history to judge the first year (no 12-month change yet).
    assert_eq!(t.moving_at(5), None);
    for m in 24..48 {
        assert_eq!(t.moving_at(m), Some(false), "month {m} of the flat market");
    }
    for m in 60..72 {
        assert_eq!(t.moving_at(m), Some(true), "month {m} of the fall");
    }
}

fn scores(calm: f64, moving: f64) -> Vec<(NaiveDate, f64)> {
    (30..72)
        .flat_map(|m| {
            let scale = if m > 60 { moving } else { calm };
            (0..10).map(move |i| (add_months(start(), m), scale * (f64::from(i) - 4.5) / 4.5))
        })
        .collect()
}

/// The pooled calibration of `scores(calm, moving)` and the rule learned from them.
fn learned(calm: f64, moving: f64, min_scores: usize) -> (Calibration, Option<RegimeIntervals>) {
    let scored = scores(calm, moving);
    let all = Calibration::from_scores(scored.iter().map(|s| s.1).collect(), 0.8).unwrap();
    let rule = RegimeIntervals::learn(track(), &scored, Some(&all), 0.8, min_scores);
    (all, rule)
}

#[test]
fn a_moving_month_widens_the_interval_to_what_moving_months_needed() {
    let (all, r) = learned(1.0, 3.0, 50);
    let r = r.unwrap();
    let moving = r.moving().unwrap();
    assert!(
        moving.hi > 2.0 && moving.hi > all.hi,
        "moving {} vs pooled {}",
        moving.hi,
        all.hi
    );
    assert!(moving.lo < -2.0 && moving.lo < all.lo);
    // A valuation after the data reads the last month's regime; one in the flat years, calm.
    assert_eq!(r.moving_before(add_months(start(), 80)), Some(true));
    assert_eq!(r.moving_before(add_months(start(), 40)), Some(false));
    assert_eq!(r.moving_before(start()), None);
}

#[test]
fn a_moving_month_never_narrows_the_interval() {
    let (all, r) = learned(3.0, 0.5, 50);
    let moving = r.as_ref().and_then(|r| r.moving()).unwrap();
    assert_eq!((moving.lo, moving.hi), (all.lo, all.hi));
}

#[test]
fn the_rule_is_off_at_zero_and_idle_with_too_few_moving_sales() {
    assert!(learned(1.0, 3.0, 0).1.is_none());
    let few = learned(1.0, 3.0, 10_000).1.unwrap();
    assert!(few.moving().is_none());
    assert_eq!(few.moving_before(add_months(start(), 80)), Some(true));
}
