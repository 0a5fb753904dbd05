//! Unit tests of `analytics::rent_roll::eval`: a roll read exactly scores 100%, a cent off, a
//! wrong reason, a missing and an extra row are each counted and listed, and a shared truth
//! accepts both formats.
#![allow(clippy::unwrap_used)]
use super::*;
use crate::analytics::rent_roll::{Options, preview};
use chrono::NaiveDate;
use serde_json::json;

const ROLL: &str = "\
Suite,Tenant,RSF,Annual Rent,Start,End
100,Acme Corp,1000,\"$24,000.00\",01/01/2024,12/31/2028
200,VACANT,500,,,
,Total,1500,\"$24,000.00\",,
";

fn p() -> Preview {
    let opts = Options::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    preview("roll.csv", ROLL.as_bytes(), &opts)
}

fn truth() -> Json {
    json!({"kind": "commercial", "format": "csv", "header_row": 1, "rows": [
        {"row": 2, "kept": true, "tenant": "Acme Corp", "suite": "100", "area_sf": 1000, "annual_rent": 24000.0,
         "monthly_rent": 2000.0, "rent_psf_annual": 24.0, "start": "2024-01-01", "end": "2028-12-31", "vacant": false},
        {"row": 3, "kept": true, "tenant": null, "suite": "200", "area_sf": 500, "annual_rent": null,
         "monthly_rent": null, "rent_psf_annual": null, "start": null, "end": null, "vacant": true},
        {"row": 4, "kept": false, "reason": "total"}
    ]})
}

#[test]
fn an_exact_read_scores_every_row_and_amount() {
    let s = score("roll.csv", &p(), &truth());
    assert!(s.perfect(), "{:#?}", s.listed);
    assert_eq!((s.checks, s.checks_matched), (4, 4));
    assert_eq!((s.rows, s.rows_matched, s.extra_rows), (3, 3, 0));
    assert_eq!((s.values, s.values_matched), (18, 18));
    assert_eq!((s.amounts, s.amounts_matched), (8, 8));
    let r = Report { files: vec![s] };
    assert!(r.passed());
    let t = r.totals();
    assert_eq!((t.row_accuracy, t.amount_accuracy, t.files_perfect), (1.0, 1.0, 1));
}

#[test]
fn each_difference_is_counted_and_listed() {
    let mut t = truth();
    t["rows"][0]["monthly_rent"] = json!(2000.01);
    t["rows"][0]["tenant"] = json!("ACME Corp");
    t["rows"][2]["reason"] = json!("note");
    t["rows"].as_array_mut().unwrap().remove(1);
    t["rows"]
        .as_array_mut()
        .unwrap()
        .push(json!({"row": 9, "kept": false, "reason": "blank"}));
    let s = score("roll.csv", &p(), &t);
    assert!(!s.perfect());
    assert_eq!((s.rows, s.rows_matched, s.extra_rows), (3, 0, 1));
    assert_eq!((s.amounts, s.amounts_matched), (4, 3));
    let mut keys: Vec<(Option<usize>, &str)> = s.listed.iter().map(|m| (m.row, m.key.as_str())).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            (Some(2), "monthly_rent"),
            (Some(2), "tenant"),
            (Some(3), "row"),
            (Some(4), "reason"),
            (Some(9), "row")
        ]
    );
    assert_eq!(s.mismatches, 5);
    assert!(!Report { files: vec![s] }.passed());
}

#[test]
fn amounts_agree_to_the_cent_and_a_shared_truth_takes_either_format() {
    assert!(same("annual_rent", &json!(19175.92), &json!(19175.924)));
    assert!(!same("annual_rent", &json!(19175.92), &json!(19175.93)));
    assert!(!same("annual_rent", &json!(0.0), &Json::Null));
    assert!(same("area_sf", &json!(7100), &json!(7100.0)));
    let mut t = truth();
    t["format"] = json!("csv+xlsx");
    t["formats"] = json!(["xlsx", "csv"]);
    assert!(score("roll.csv", &p(), &t).perfect());
    t["formats"] = json!(["xlsx"]);
    let s = score("roll.csv", &p(), &t);
    assert_eq!(s.listed[0].key, "format");
}
