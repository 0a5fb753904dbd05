//! Encoding tests: widths, standardization, reference levels.

use super::*;
use crate::analytics::comps::testdata::synthetic_sales;

#[test]
fn every_row_has_one_value_per_named_column() {
    let sales = synthetic_sales(120, 2);
    let refs: Vec<&Sale> = sales.iter().collect();
    let d = Design::learn(&refs, 3.0, 0.9, false);
    assert_eq!(d.names.len(), d.width());
    assert_eq!(d.attributes.len(), d.width());
    let mut row = vec![f64::NAN; d.width()];
    d.row(&Observation::of_sale(&sales[0]), &mut row);
    assert!(row.iter().all(|v| v.is_finite()));
    assert_eq!(row[0], 1.0);
}

#[test]
fn numeric_columns_are_centred_on_the_training_sales() {
    let sales = synthetic_sales(200, 4);
    let refs: Vec<&Sale> = sales.iter().collect();
    let d = Design::learn(&refs, 3.0, 0.9, false);
    let j = d.names.iter().position(|n| n == "ln_living_area").unwrap();
    let mean: f64 = sales
        .iter()
        .map(|s| {
            let mut row = vec![0.0; d.width()];
            d.row(&Observation::of_sale(s), &mut row);
            row[j]
        })
        .sum::<f64>()
        / sales.len() as f64;
    assert!(mean.abs() < 1e-9, "{mean}");
}

#[test]
fn an_unseen_category_falls_to_the_reference_level() {
    let mut sales = synthetic_sales(120, 2);
    for (i, s) in sales.iter_mut().enumerate() {
        s.attrs.stories = Some(if i % 3 == 0 { "Two_Story" } else { "One_Story" }.to_string());
    }
    let refs: Vec<&Sale> = sales.iter().collect();
    let d = Design::learn(&refs, 3.0, 0.9, false);
    let j = d.names.iter().position(|n| n == "stories=Two_Story").unwrap();
    assert!(
        !d.names.iter().any(|n| n == "stories=One_Story"),
        "the most common level is the reference"
    );
    let mut odd = sales[1].clone();
    odd.attrs.stories = Some("Split_Foyer_Unseen".into());
    let mut row = vec![0.0; d.width()];
    d.row(&Observation::of_sale(&odd), &mut row);
    assert_eq!(row[j], 0.0);
}
