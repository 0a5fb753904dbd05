//! Unit tests of `analytics::market::series`.
use super::*;

fn d(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

#[test]
fn months_are_counted_across_years() {
    assert_eq!(add_months(d(2006, 11), 3), d(2007, 2));
    assert_eq!(months_between(d(2006, 11), d(2007, 2)), 3);
    assert_eq!(months_between(d(2007, 2), d(2006, 11)), -3);
}

#[test]
fn rows_in_any_order_fill_consecutive_months_with_gaps_missing() {
    let s = MonthlySeries::from_rows([
        (d(2000, 3), Some(3.0), None, Some(6.0)),
        (d(2000, 1), Some(1.0), Some(10.0), None),
    ]);
    assert_eq!(s.start, Some(d(2000, 1)));
    assert_eq!(s.median_price, [Some(1.0), None, Some(3.0)]);
    assert_eq!(s.sales, [Some(10.0), None, None]);
    assert_eq!(s.month(2), Some(d(2000, 3)));
}

#[test]
fn the_yearly_log_change_needs_both_months() {
    let xs: Vec<Option<f64>> = (0..14)
        .map(|i| if i == 1 { None } else { Some(100.0 + i as f64) })
        .collect();
    let y = log_change(&xs, 12);
    assert_eq!(y[..12], [None; 12]);
    assert!((y[12].unwrap() - (112.0f64 / 100.0).ln()).abs() < 1e-15);
    assert_eq!(y[13], None, "13 months back is missing");
}

#[test]
fn standardizing_uses_only_the_past_and_the_present() {
    let xs = [Some(1.0), Some(2.0), None, Some(3.0), Some(10.0)];
    let z = standardized(&xs, 3);
    assert_eq!(z[..3], [None, None, None]);
    // After 1, 2, 3: mean 2, sd 1.
    assert!((z[3].unwrap() - 1.0).abs() < 1e-12);
    // Changing a later value does not change an earlier z.
    let mut later = xs;
    later[4] = Some(-50.0);
    assert_eq!(standardized(&later, 3)[3], z[3]);
    let flat = standardized(&[Some(5.0); 4], 2);
    assert_eq!(flat, [None; 4], "no spread, no scale");
}
