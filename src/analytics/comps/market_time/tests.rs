//! Unit tests of `analytics::comps::market_time`.
use super::*;

fn d(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

fn weights(t: &MarketTime, date: NaiveDate) -> Vec<f64> {
    let mut out = vec![0.0; t.columns()];
    t.write(date, &mut out);
    out
}

#[test]
fn nine_months_at_three_month_steps_give_three_columns() {
    let t = MarketTime::learn([d(2008, 1), d(2008, 10)].into_iter(), 3.0);
    assert_eq!(t.columns(), 3);
    assert_eq!(weights(&t, d(2008, 1)), vec![0.0, 0.0, 0.0]);
    assert_eq!(weights(&t, d(2008, 4)), vec![1.0, 0.0, 0.0]);
}

#[test]
fn a_date_between_knots_splits_its_weight() {
    let t = MarketTime::learn([d(2008, 1), d(2008, 10)].into_iter(), 3.0);
    let w = weights(&t, d(2008, 5));
    assert!((w[0] - 2.0 / 3.0).abs() < 1e-12 && (w[1] - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn dates_after_the_last_knot_stay_on_it() {
    let t = MarketTime::learn([d(2008, 1), d(2008, 10)].into_iter(), 3.0);
    assert_eq!(weights(&t, d(2010, 6)), vec![0.0, 0.0, 1.0]);
}

#[test]
fn no_dates_give_no_columns() {
    assert_eq!(MarketTime::learn(std::iter::empty(), 3.0).columns(), 0);
}
