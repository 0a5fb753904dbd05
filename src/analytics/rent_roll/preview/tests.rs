//! Unit tests of `analytics::rent_roll::preview`: a messy commercial roll end to end (mapping,
//! rows, metrics), the JSON keys, a multifamily roll, and files that block.
#![allow(clippy::unwrap_used)]
use super::*;
use crate::analytics::rent_roll::grid::Format;
use serde_json::{Value, json};

fn as_of() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
}

const OFFICE: &str = "\
Oak Plaza Office — Rent Roll
As of 12/31/2025

Suite,Tenant Name,Rentable,Base Rent,Lease,Lease,Security Deposit
,,SF,,Start,Exp,
100,Acme Corp,\"1,000\",\"$2,000.00 \",01/01/2024,12/31/2028,\"$4,000\"
200,Beta LLC,\"3,000\",\"$5,000.00\",1/1/23,Dec-26,
300,VACANT,500,,,,
,Subtotal,\"4,500\",\"$7,000.00\",,,
* Acme has a renewal option
";

#[test]
fn a_messy_commercial_roll_previews_row_by_row() {
    let p = preview("/tmp/uploads/oak-plaza.csv", OFFICE.as_bytes(), &as_of());
    assert_eq!(p.file, "oak-plaza.csv");
    assert_eq!(p.sha256, crate::domain::hash::sha256_hex(OFFICE.as_bytes()));
    assert_eq!(
        (p.kind, p.header_row, p.header_lines),
        (Some(Kind::Commercial), Some(4), 2)
    );
    let fields: Vec<Option<&str>> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Some("suite"),
            Some("tenant"),
            Some("area_sf"),
            Some("monthly_rent"),
            Some("start"),
            Some("end"),
            None
        ]
    );
    assert!(p.problems.is_empty(), "{:#?}", p.problems);
    let rows: Vec<(usize, bool, Option<&str>)> = p.rows.iter().map(|r| (r.row, r.kept, r.reason)).collect();
    assert_eq!(
        rows,
        [
            (6, true, None),
            (7, true, None),
            (8, true, Some("vacant")),
            (9, false, Some("total")),
            (10, false, Some("note"))
        ]
    );
    let Values::Commercial(beta) = &p.rows[1].values else {
        panic!("commercial")
    };
    // 5,000 a month; Dec-26 as an end is the month's last day.
    assert_eq!(beta.annual_rent, Some(60_000.0));
    assert_eq!(beta.end, NaiveDate::from_ymd_opt(2026, 12, 31));
    assert_eq!(beta.start, NaiveDate::from_ymd_opt(2023, 1, 1));
    let s = &p.summary;
    assert_eq!(
        (s.data_rows, s.kept, s.skipped, s.total, s.note, s.occupied, s.vacant),
        (5, 3, 2, 1, 1, 2, 1)
    );
    let m = p.metrics.as_ref().unwrap();
    // 4,000 of 4,500 sf occupied; in place 24,000 + 60,000.
    assert_eq!(m.physical_occupancy, Some(4_000.0 / 4_500.0));
    assert_eq!(m.in_place_rent_annual, 84_000.0);
    assert!(!p.blocked());
}

#[test]
fn the_report_json_has_the_documented_keys() {
    let p = preview("oak-plaza.csv", OFFICE.as_bytes(), &as_of());
    let v = serde_json::to_value(&p).unwrap();
    for key in [
        "file",
        "sha256",
        "format",
        "sheet",
        "kind",
        "header_row",
        "columns",
        "rows",
        "problems",
        "summary",
        "metrics",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["format"], "csv");
    assert_eq!(v["kind"], "commercial");
    assert_eq!(
        v["columns"][3],
        json!({"index": 3, "header": "Base Rent", "field": "monthly_rent", "reason": p.columns[3].reason})
    );
    let row = &v["rows"][0];
    assert_eq!(row["row"], 6);
    assert_eq!(row["kept"], true);
    assert_eq!(row["reason"], Value::Null);
    assert_eq!(row["tenant"], "Acme Corp");
    assert_eq!(row["suite"], "100");
    assert_eq!(row["area_sf"], 1000.0);
    assert_eq!(row["monthly_rent"], 2000.0);
    assert_eq!(row["annual_rent"], 24000.0);
    assert_eq!(row["start"], "2024-01-01");
    assert_eq!(row["end"], "2028-12-31");
    assert_eq!(row["vacant"], false);
    assert_eq!(v["rows"][3]["reason"], "total");
    assert_eq!(v["rows"][2]["reason"], "vacant");
}

#[test]
fn a_bad_cell_is_a_blocking_problem_naming_row_and_column() {
    let bad = OFFICE.replace("12/31/2028", "12/32/2028");
    let p = preview("oak-plaza.csv", bad.as_bytes(), &as_of());
    assert!(p.blocked());
    let lines = p.blocking_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("row 6, column \"Lease Exp\": "), "{}", lines[0]);
    assert!(lines[0].contains("`12/32/2028` is not a date"), "{}", lines[0]);
}

#[test]
fn duplicate_suites_and_missing_columns_block() {
    let dup = "Suite,Tenant,SF,Annual Rent,LCD,LXD\n100,A,1000,24000,1/1/2024,12/31/2028\n100 ,B,1000,24000,1/1/2024,12/31/2028\n";
    let p = preview("d.csv", dup.as_bytes(), &as_of());
    let codes: Vec<&str> = p.problems.iter().map(|x| x.code).collect();
    assert_eq!(codes, ["duplicate_space"]);
    assert!(
        p.problems[0].message.contains("also in row 2"),
        "{}",
        p.problems[0].message
    );
    let p = preview("n.csv", b"Suite,Tenant,SF,Annual Rent\n100,A,1000,24000\n", &as_of());
    let missing: Vec<&str> = p
        .problems
        .iter()
        .filter(|x| x.code == "missing_column")
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(missing.len(), 2, "start and end: {missing:?}");
}

#[test]
fn no_header_and_unreadable_files_are_blocking_file_problems() {
    let p = preview("x.csv", b"just,some\nnumbers,1\n", &as_of());
    assert_eq!(p.problems[0].code, "no_header");
    assert!(p.blocked());
    assert!(p.rows.is_empty() && p.metrics.is_none());
    let p = preview("x.xlsx", b"not a workbook", &as_of());
    assert_eq!((p.problems[0].code, p.format), ("unreadable_file", Format::Xlsx));
}

const APARTMENTS: &str = "\
Maple Court Apartments
Rent Roll as of 01/01/2025
Unit,Unit Type,SF,Market Rent,Actual Rent,Move-In,Lease End,Status
101,1BR/1BA,700,\"$1,100\",\"$1,000\",03/01/2024,06/30/2025,Occupied
102,1BR/1BA,700,\"$1,100\",,,,Vacant
201,2BR/2BA,\"1,000\",\"$1,500\",\"$1,400\",2023-07-15,2025-12-31,Occupied
202,2BR/2BA,\"1,000\",\"$1,500\",\"$1,450\",Jan 5 2024,MTM,Notice
Total,,\"3,400\",\"$5,200\",\"$3,850\",,,
";

#[test]
fn a_multifamily_roll_gives_units_and_the_unit_mix() {
    let p = preview("maple.csv", APARTMENTS.as_bytes(), &as_of());
    assert_eq!(p.kind, Some(Kind::Multifamily));
    assert!(!p.blocked(), "{:#?}", p.problems);
    // MTM is a warning for a residential lease.
    let warnings: Vec<&str> = p.problems.iter().map(|x| x.code).collect();
    assert_eq!(warnings, ["month_to_month"]);
    let v = serde_json::to_value(&p).unwrap();
    let r = &v["rows"][3];
    assert_eq!(
        (
            r["unit"].as_str(),
            r["unit_type"].as_str(),
            r["status"].as_str(),
            r["move_in"].as_str()
        ),
        (Some("202"), Some("2BR/2BA"), Some("notice"), Some("2024-01-05"))
    );
    assert_eq!(r["actual_rent"], 1450.0);
    assert_eq!(v["rows"][4]["reason"], "total");
    let m = p.metrics.unwrap();
    let mix: Vec<(&str, usize, Option<f64>)> = m
        .unit_mix
        .iter()
        .map(|t| (t.unit_type.as_str(), t.units, t.avg_actual_rent))
        .collect();
    assert_eq!(mix, [("1BR/1BA", 2, Some(1_000.0)), ("2BR/2BA", 2, Some(1_425.0))]);
    // 202 has no end (month-to-month): out of the ladder, counted here.
    assert_eq!(m.without_end, 1);
}

#[test]
fn five_thousand_rows_preview_quickly() {
    let mut csv = String::from("Suite,Tenant,RSF,Annual Rent,LCD,LXD\n");
    for i in 0..5_000 {
        csv.push_str(&format!(
            "{i},Tenant {i},\"1,{:03}\",\"${},000.00\",1/1/2024,12/31/{}\n",
            i % 1000,
            20 + i % 30,
            2026 + i % 10
        ));
    }
    let t = std::time::Instant::now();
    let p = preview("big.csv", csv.as_bytes(), &as_of());
    let took = t.elapsed();
    assert_eq!(p.summary.kept, 5_000);
    assert!(!p.blocked(), "{:?}", p.problems.first());
    // The target is 1 s in a release build; a debug build gets some slack.
    assert!(took.as_secs_f64() < 10.0, "{took:?}");
}
