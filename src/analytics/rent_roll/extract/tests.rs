//! Unit tests of `analytics::rent_roll::extract`: a commercial row's rents derived and checked
//! against each other, refusals naming row and column, and multifamily vacancy and unit types.
#![allow(clippy::unwrap_used)]
use super::*;
use crate::analytics::rent_roll::grid::read;
use crate::analytics::rent_roll::header::{self, detect};
use crate::analytics::rent_roll::plan::plan;
use crate::analytics::rent_roll::rows::classify;

/// The values and problems of the first kept row of `csv`.
fn first<T>(csv: &str, f: impl Fn(&mut Found<'_>) -> T) -> (T, Vec<Problem>) {
    let g = read("x.csv", csv.as_bytes(), None).unwrap();
    let h = detect(&g).unwrap();
    let kind = header::kind(&h).0;
    let kept: Vec<&Row> = classify(&g.rows, &h)
        .iter()
        .filter(|c| c.skip.is_none())
        .map(|c| &g.rows[c.at])
        .collect();
    let (p, ..) = plan(&h, kind, &kept);
    let mut found = Found::new(kept[0], &h, &p);
    let out = f(&mut found);
    (out, found.problems)
}

#[test]
fn the_annual_rent_comes_from_the_psf_rent_and_a_disagreeing_monthly_is_a_warning() {
    let ((v, s), problems) = first(
        "Tenant,Suite,RSF,Rent/SF/Yr,Monthly Rent,Commencement,Expiration\nAcme,100,\"2,000\",$24.00,\"$5,000.00\",01/01/2024,12/31/2028\n",
        |f| commercial(f, None),
    );
    // Monthly 5,000 → 60,000 a year comes before the $/SF column; $24 × 2,000 = 48,000 disagrees
    // by more than 1%: a warning on the $/SF column, the monthly figure is used.
    assert_eq!(v.annual_rent, Some(60_000.0));
    assert_eq!(v.rent_psf_annual, Some(24.0));
    assert_eq!(v.monthly_rent, Some(5_000.0));
    assert_eq!(s.annual_rent, Some(60_000.0));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, "inconsistent_rent");
    assert!(!problems[0].blocking);
    assert_eq!(v.start, NaiveDate::from_ymd_opt(2024, 1, 1));
    assert_eq!(v.vacant, Some(false));
}

#[test]
fn a_bad_cell_names_its_row_and_column() {
    let (_, problems) = first(
        "Tenant,Suite,RSF,Annual Rent,LCD,LXD\nAcme,100,1000,\"$24,000\",1/1/2024,13/45/2027\n",
        |f| commercial(f, None),
    );
    let p = problems.iter().find(|p| p.code == "unparsable").unwrap();
    assert_eq!((p.row, p.column.as_deref(), p.blocking), (Some(2), Some("LXD"), true));
    assert!(
        p.message
            .starts_with("row 2, column \"LXD\": `13/45/2027` is not a date"),
        "{}",
        p.message
    );
    // The missing end is not reported twice.
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn negative_rent_and_month_to_month_are_blocking() {
    let (_, problems) = first(
        "Tenant,Suite,RSF,Annual Rent,LCD,LXD\nAcme,100,1000,\"($24,000)\",1/1/2024,MTM\n",
        |f| commercial(f, None),
    );
    let codes: Vec<(&str, bool)> = problems.iter().map(|p| (p.code, p.blocking)).collect();
    assert_eq!(codes, [("negative_value", true), ("month_to_month", true)]);
}

#[test]
fn a_vacant_suite_needs_only_its_area() {
    let ((v, s), problems) = first("Tenant,Suite,RSF,Annual Rent,LCD,LXD\nVACANT,110,\"1,500\",,,\n", |f| {
        commercial(f, Some(20.0))
    });
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!((v.tenant, v.vacant, v.area_sf), (None, Some(true), Some(1_500.0)));
    // Market $20/sf/yr × 1,500 sf.
    assert_eq!(s.market_annual, Some(30_000.0));
}

#[test]
fn multifamily_type_from_beds_and_baths_and_vacancy_from_status() {
    let ((v, s), problems) = first(
        "Unit,Beds,Baths,SF,Market Rent,Actual Rent,Lease End,Status\n101,2,1,900,\"$1,500\",,,Vacant\n",
        multifamily,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(v.unit_type.as_deref(), Some("2BR/1BA"));
    assert_eq!((v.vacant, v.status), (Some(true), Some(Status::Vacant)));
    assert_eq!(s.market_annual, Some(18_000.0));
    let ((v, _), problems) = first(
        "Unit,Unit Type,SF,Market Rent,Actual Rent,Lease End,Status\n102,Studio,450,1100,1050,MTM,Notice\n",
        multifamily,
    );
    assert_eq!(
        (v.vacant, v.status, v.lease_end),
        (Some(false), Some(Status::Notice), None)
    );
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].code, problems[0].blocking), ("month_to_month", false));
}
