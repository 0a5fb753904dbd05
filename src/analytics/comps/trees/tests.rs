//! The tree learner on synthetic sales with a known price law.

use chrono::NaiveDate;

use super::*;
use crate::analytics::comps::testdata::{synthetic_sales, true_log_price};

fn refs(sales: &[Sale]) -> Vec<&Sale> {
    sales.iter().collect()
}

#[test]
fn learns_the_price_law_out_of_sample() {
    let sales = synthetic_sales(1200, 11);
    let (train, test) = sales.split_at(900);
    let t = TreeLearner::fit(&refs(train), &CompConfig::default()).unwrap();
    let mut errors: Vec<f64> = test
        .iter()
        .map(|s| (t.predict_log(&Row::of_sale(s)) - s.price.ln()).abs())
        .collect();
    errors.sort_by(f64::total_cmp);
    let median = errors[errors.len() / 2];
    // The law spans about ±0.5 in logs; the noise is 0.03.
    assert!(median < 0.06, "median absolute log error {median}");
}

#[test]
fn the_fit_is_deterministic() {
    let sales = synthetic_sales(600, 2);
    let fit = || TreeLearner::fit(&refs(&sales), &CompConfig::default()).unwrap();
    assert_eq!(fit(), fit());
}

#[test]
fn an_unseen_label_or_missing_value_still_gets_a_finite_estimate() {
    let sales = synthetic_sales(600, 4);
    let t = TreeLearner::fit(&refs(&sales), &CompConfig::default()).unwrap();
    let mut s = sales[5].clone();
    s.neighborhood = Some("Nowhere".into());
    s.attrs.garage_cars = None;
    s.attrs.building_type = Some("Castle".into());
    let v = t.predict_log(&Row {
        condition: "normal",
        date: NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
        ..Row::of_sale(&s)
    });
    let truth = true_log_price(&sales[5].attrs, s.lon, s.hazard, 36.0);
    assert!(v.is_finite() && (v - truth).abs() < 0.5, "{v} vs {truth}");
}

#[test]
fn the_learner_is_off_at_zero_trees_or_too_few_sales() {
    let sales = synthetic_sales(600, 4);
    let off = CompConfig {
        tree_count: 0,
        ..CompConfig::default()
    };
    assert!(TreeLearner::fit(&refs(&sales), &off).is_none());
    assert!(TreeLearner::fit(&refs(&sales[..20]), &CompConfig::default()).is_none());
}
