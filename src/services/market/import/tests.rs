//! Unit tests of the market import gate.
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

const HEADER: &str = "market,month,median_price,sales,volume,listings,inventory_months\n";

#[test]
fn a_good_file_with_missing_values_passes_in_any_column_order() {
    let text = "month,market,sales,median_price,volume,listings,inventory_months\n\
                2000-01,Abilene,72,71400,5380000,701,6.3\n\
                2000-02,Abilene,NA,,,, \n";
    let rows = check(text.as_bytes(), today()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].median_price, Some(71400.0));
    assert_eq!(rows[0].inventory_months, Some(6.3));
    assert_eq!(rows[1].sales, None);
    assert_eq!(rows[1].month, NaiveDate::from_ymd_opt(2000, 2, 1).unwrap());
}

#[test]
fn every_bad_value_is_named_with_its_row_and_column() {
    let text = format!(
        "{HEADER}Abilene,2000-13,71400,72,1,1,1\n\
         Abilene,2000-01,-5,72,1,1,1\n\
         ,2000-02,1,1,1,1,1\n\
         Abilene,2000-03,1,many,1,1,1\n\
         Abilene,2000-03,1,1,1,1,inf\n\
         Abilene,2000-01,2,2,2,2,2\n\
         Abilene,2099-01,2,2,2,2,2\n"
    );
    let report = check(text.as_bytes(), today()).unwrap_err();
    let got: Vec<(Option<usize>, &str)> = report.violations.iter().map(|v| (v.row, v.field.as_str())).collect();
    assert_eq!(
        got,
        [
            (Some(1), "month"),
            (Some(2), "median_price"),
            (Some(3), "market"),
            (Some(4), "sales"),
            (Some(5), "inventory_months"),
            (Some(5), "month"),
            (Some(6), "month"),
            (Some(7), "month"),
        ]
    );
    assert!(
        report.violations[6].rule.contains("row 2"),
        "{:?}",
        report.violations[6]
    );
    assert_eq!(report.rows, 7);
}

#[test]
fn a_wrong_header_is_refused_before_any_row() {
    let report = check("city,month,median\nA,2000-01,1\n".as_bytes(), today()).unwrap_err();
    assert_eq!(report.rows, 0);
    let fields: Vec<&str> = report.violations.iter().map(|v| v.field.as_str()).collect();
    assert!(
        fields.contains(&"city") && fields.contains(&"median") && fields.contains(&"sales"),
        "{fields:?}"
    );
}

#[test]
fn the_shipped_txhousing_file_passes() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/txhousing.csv");
    let rows = check(std::fs::File::open(path).unwrap(), today()).unwrap();
    assert_eq!(rows.len(), 8602);
    let mut markets: Vec<&str> = rows.iter().map(|r| r.market.as_str()).collect();
    markets.sort_unstable();
    markets.dedup();
    assert_eq!(markets.len(), 46);
}
