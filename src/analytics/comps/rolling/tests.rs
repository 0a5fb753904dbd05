//! Unit tests of `analytics::comps::rolling`'s bootstrap.
use super::*;

fn pred(i: usize, ratio: f64) -> BacktestPrediction {
    BacktestPrediction {
        sale_id: format!("S{i}"),
        sale_date: NaiveDate::from_ymd_opt(2008, 1, 1).unwrap(),
        sale_price: 100_000.0,
        estimate: 100_000.0 * ratio,
        low_80: 90_000.0,
        high_80: 110_000.0,
        confidence: 0.5,
        comps_used: 5,
        comps_estimate: 100_000.0 * ratio,
        tree_estimate: None,
        blend_weight: 0.0,
        market_moving: None,
    }
}

#[test]
fn the_bootstrap_noise_is_zero_without_spread_and_shrinks_with_more_sales() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let flat: Vec<BacktestPrediction> = (0..50).map(|i| pred(i, 1.05)).collect();
    let n = bootstrap(&[&flat], 200, &mut rng).unwrap();
    assert_eq!((n.mdape, n.cod), (0.0, 0.0));
    let spread = |k: usize| -> Vec<BacktestPrediction> {
        (0..k)
            .map(|i| pred(i, 0.8 + 0.4 * ((i * 37) % 101) as f64 / 100.0))
            .collect()
    };
    let (small, large) = (spread(40), spread(640));
    let a = bootstrap(&[&small], 400, &mut rng).unwrap();
    let b = bootstrap(&[&large], 400, &mut rng).unwrap();
    assert!(a.mdape > 0.0 && b.mdape > 0.0);
    // The standard error falls like 1/sqrt(n): 16 times the sales, about a quarter of the noise.
    let ratio = a.mdape / b.mdape;
    assert!((2.5..6.0).contains(&ratio), "{ratio}");
    assert!(bootstrap(&[&small], 1, &mut rng).is_none());
}
