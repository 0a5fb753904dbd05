//! Unit tests of `analytics::comps::explain`.
use super::*;

#[test]
fn waterfall_steps_sum_to_the_total_change() {
    let steps = vec![
        (
            "living_area_sf".to_string(),
            "2000".to_string(),
            "1800".to_string(),
            0.07,
        ),
        ("garage_cars".to_string(), "2".to_string(), "1".to_string(), 0.05),
        (
            "market_time".to_string(),
            "2009-01-01".to_string(),
            "2008-06-01".to_string(),
            -0.02,
        ),
    ];
    let w = waterfall(200_000.0, &steps);
    let total: f64 = w.iter().map(|a| a.effect_usd).sum();
    let expected = 200_000.0 * (0.10_f64.exp() - 1.0);
    assert!((total - expected).abs() < 1e-6);
    assert!((w[0].effect_usd - 200_000.0 * (0.07_f64.exp() - 1.0)).abs() < 1e-6);
}

#[test]
fn contributions_start_from_the_baseline() {
    let c = contributions(100.0, &[("a".into(), "1".into(), 0.0), ("b".into(), "2".into(), 0.5)]);
    assert_eq!(c[0].effect_usd, 0.0);
    assert!((c[1].effect_usd - 100.0 * (0.5_f64.exp() - 1.0)).abs() < 1e-9);
}
