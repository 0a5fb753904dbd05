//! Known-value tests of the ratio-study metrics.

use super::*;

/// Sample of 17 estimate/price pairs from the IAAO Standard on Ratio Studies, as distributed in
/// ccao-data/assesspy (`IAAO_sample`), whose tests expect COD 14.5, PRD 0.98 and PRB 0.001.
const IAAO_EST: [f64; 17] = [
    87200.0, 38240.0, 96320.0, 68610.0, 32960.0, 50560.0, 61360.0, 47360.0, 56580.0, 47040.0, 136000.0, 98000.0,
    56000.0, 159100.0, 128000.0, 132000.0, 160000.0,
];
const IAAO_PRICE: [f64; 17] = [
    138720.0, 59700.0, 146400.0, 99000.0, 47400.0, 70500.0, 78000.0, 60000.0, 69000.0, 55500.0, 154500.0, 109500.0,
    60000.0, 168000.0, 124500.0, 127500.0, 150000.0,
];

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

#[test]
fn the_iaao_sample_reproduces_the_published_cod_and_prd() {
    let s = ratio_study(&IAAO_EST, &IAAO_PRICE, None).unwrap();
    assert_eq!(round(s.cod, 1), 14.5);
    assert_eq!(round(s.prd, 2), 0.98);
    assert_eq!(s.median_ratio, 0.82);
    assert_eq!(s.n, 17);
}

#[test]
fn the_iaao_sample_reproduces_assesspys_prb_when_fitted_through_the_origin() {
    let p = prb_through_origin(&IAAO_EST, &IAAO_PRICE).unwrap();
    assert_eq!(round(p, 3), 0.001);
}

#[test]
fn the_iaao_sample_prb_with_intercept_matches_a_hand_regression() {
    // Independent spreadsheet-style computation of the same regression with an intercept.
    let p = prb(&IAAO_EST, &IAAO_PRICE).unwrap();
    assert!((p - 0.135_490).abs() < 1e-5, "{p}");
}

#[test]
fn three_ratios_give_hand_computed_mdape_ppe10_cod_and_prd() {
    // Ratios 0.8, 1.0, 1.3: |r−1| = 0.2, 0, 0.3; COD = 100·(0.2+0+0.3)/3; PRD = 1.0333/1.0333.
    let s = ratio_study(&[80.0, 100.0, 130.0], &[100.0, 100.0, 100.0], None).unwrap();
    assert!((s.mdape - 0.2).abs() < 1e-12);
    assert!((s.ppe10 - 1.0 / 3.0).abs() < 1e-12);
    assert!((s.median_ratio - 1.0).abs() < 1e-12);
    assert!((s.cod - 50.0 / 3.0).abs() < 1e-9);
    assert!((s.prd - 1.0).abs() < 1e-12);
}

#[test]
fn prd_exceeds_one_when_cheap_homes_are_over_valued() {
    // Ratios 1.5 on the cheap home and 0.5 on the dear one: mean 1.0, aggregate 250/300 → 1.2.
    let p = prd(&[150.0, 100.0], &[100.0, 200.0]).unwrap();
    assert!((p - 1.2).abs() < 1e-12);
    // The mirror case (0.5 cheap, 1.5 dear): aggregate 350/300 → 6/7.
    let q = prd(&[50.0, 300.0], &[100.0, 200.0]).unwrap();
    assert!((q - 6.0 / 7.0).abs() < 1e-12);
}

#[test]
fn prb_of_a_regressive_three_point_case_matches_hand_value() {
    // Ratios 1.1, 1.0, 0.9 at prices 100, 200, 400: x = log2(105), log2(200), log2(380),
    // y = 0.1, 0, −0.1; slope Σdx·y / Σdx² = −0.185561 / 1.721649.
    let p = prb(&[110.0, 200.0, 360.0], &[100.0, 200.0, 400.0]).unwrap();
    assert!((p + 0.107_781).abs() < 1e-5, "{p}");
}

#[test]
fn constant_ratios_have_zero_cod_and_zero_prb() {
    let s = ratio_study(&[90.0, 180.0, 270.0], &[100.0, 200.0, 300.0], None).unwrap();
    assert!(s.cod.abs() < 1e-12);
    assert!(s.prb.unwrap().abs() < 1e-12);
}

#[test]
fn coverage_counts_prices_inside_their_intervals() {
    let iv = [(90.0, 110.0), (150.0, 190.0), (250.0, 300.0), (95.0, 100.0)];
    let s = ratio_study(&[100.0, 170.0, 280.0, 97.0], &[100.0, 200.0, 300.0, 101.0], Some(&iv)).unwrap();
    assert_eq!(s.coverage, Some(0.5));
}

#[test]
fn bad_inputs_are_refused_by_field() {
    assert_eq!(ratio_study(&[], &[], None), Err(StatsError::Empty));
    assert!(matches!(
        ratio_study(&[1.0], &[1.0, 2.0], None),
        Err(StatsError::LengthMismatch { field: "prices", .. })
    ));
    assert_eq!(
        ratio_study(&[1.0, -1.0], &[1.0, 2.0], None),
        Err(StatsError::NotPositive {
            field: "estimates",
            index: 1
        })
    );
}
