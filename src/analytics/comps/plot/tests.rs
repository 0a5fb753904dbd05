//! Unit tests of `analytics::comps::plot`.
use super::*;
use chrono::NaiveDate;

fn pred(price: f64, estimate: f64) -> BacktestPrediction {
    BacktestPrediction {
        sale_id: format!("P{price}"),
        sale_date: NaiveDate::from_ymd_opt(2009, 1, 1).unwrap(),
        sale_price: price,
        estimate,
        low_80: estimate * 0.9,
        high_80: estimate * 1.1,
        confidence: 0.5,
        comps_used: 5,
        comps_estimate: estimate,
        tree_estimate: None,
        blend_weight: 0.0,
        market_moving: None,
    }
}

#[test]
fn twenty_sales_split_into_ten_deciles_of_two() {
    let preds: Vec<_> = (1..=20)
        .map(|i| pred(f64::from(i) * 1000.0, f64::from(i) * 1100.0))
        .collect();
    let rows = ratio_by_decile(&preds);
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| r.n == 2 && (r.median_ratio - 1.1).abs() < 1e-12));
    assert_eq!((rows[0].min_price, rows[9].max_price), (1000.0, 20000.0));
}

#[test]
fn an_empty_backtest_has_nothing_to_plot() {
    let path = std::env::temp_dir().join("comp-critic-empty.png");
    assert_eq!(write_backtest_png(&[], &path, b"not a font"), Err(PlotError::Empty));
}

#[test]
fn bad_font_bytes_are_refused() {
    let path = std::env::temp_dir().join("comp-critic-badfont.png");
    assert_eq!(
        write_backtest_png(&[pred(1.0, 1.0)], &path, b"not a font"),
        Err(PlotError::Font)
    );
}
