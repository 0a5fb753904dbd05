//! Unit tests of `analytics::comps::hedonic`.
use super::*;
use crate::analytics::comps::testdata::synthetic_sales;

#[test]
fn the_fit_recovers_the_living_area_elasticity_of_synthetic_sales() {
    let sales = synthetic_sales(400, 7);
    let refs: Vec<&Sale> = sales.iter().collect();
    let m = HedonicModel::fit(&refs, &CompConfig::default()).unwrap();
    // Standardized coefficient divided by the column's spread gives the elasticity.
    let lo = m.row(&Observation::of_sale(&sales[0]));
    let mut bigger = sales[0].clone();
    bigger.attrs.living_area_sf *= 1.1;
    let hi = m.row(&Observation::of_sale(&bigger));
    let elasticity = (m.predict_row(&hi) - m.predict_row(&lo)) / 1.1_f64.ln();
    assert!((elasticity - 0.7).abs() < 0.08, "elasticity {elasticity}");
}

#[test]
fn too_few_sales_are_refused_with_counts() {
    let sales = synthetic_sales(10, 1);
    let refs: Vec<&Sale> = sales.iter().collect();
    assert!(matches!(
        HedonicModel::fit(&refs, &CompConfig::default()),
        Err(CompError::TooFewSales { found: 10, .. })
    ));
}
