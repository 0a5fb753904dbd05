//! Unit tests of `analytics::rent_roll::plan`: a roll's fields by kind, an unlabeled rent's
//! unit, day-first date columns and the caller's column choices.
#![allow(clippy::unwrap_used)]
use super::*;
use crate::analytics::rent_roll::grid::{Grid, read};
use crate::analytics::rent_roll::header::{self, detect};
use crate::analytics::rent_roll::rows::classify;

fn planned(csv: &str) -> (Plan, Vec<Column>, Vec<Problem>) {
    let g: Grid = read("x.csv", csv.as_bytes(), None).unwrap();
    let h = detect(&g).unwrap();
    let kind = header::kind(&h).0;
    let kept: Vec<&Row> = classify(&g.rows, &h)
        .iter()
        .filter(|c| c.skip.is_none())
        .map(|c| &g.rows[c.at])
        .collect();
    plan(&h, kind, &kept)
}

fn fields(cols: &[Column]) -> Vec<Option<&'static str>> {
    cols.iter().map(|c| c.field).collect()
}

#[test]
fn an_unlabeled_rent_gets_its_unit_with_the_median_in_the_reason() {
    let (plan, cols, problems) = planned(
        "Tenant,Suite,SF,Base Rent,LCD,LXD\nAcme,100,\"1,000\",\"$2,000.00\",1/1/2024,12/31/2028\nBeta,200,\"2,000\",\"$4,500.00\",1/1/2024,12/31/2028\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    // Monthly: 12 × 2,000 / 1,000 = 24 and 12 × 4,500 / 2,000 = 27 → median 25.50.
    assert_eq!(cols[3].field, Some("monthly_rent"));
    assert!(
        cols[3].reason.starts_with(
            "matched synonym \"Base Rent\"; unit inferred from magnitudes: monthly rent (median $25.50/sf/yr"
        ),
        "{}",
        cols[3].reason
    );
    assert_eq!(plan.col(Field::MonthlyRent), Some(3));
    assert_eq!(
        fields(&cols),
        [
            Some("tenant"),
            Some("suite"),
            Some("area_sf"),
            Some("monthly_rent"),
            Some("start"),
            Some("end")
        ]
    );
}

#[test]
fn an_ambiguous_rent_is_a_blocking_problem_naming_the_column() {
    // 60 on 10 sf: $60/sf/yr or 12 × 60 / 10 = $72/sf/yr as monthly, both typical.
    let (_, cols, problems) = planned("Tenant,Suite,SF,Rent\nKiosk,K1,10,60\n");
    assert_eq!(cols[3].field, None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "ambiguous_unit");
    assert_eq!(problems[0].column.as_deref(), Some("Rent"));
    assert!(problems[0].blocking);
}

#[test]
fn multifamily_rents_are_monthly_and_the_actual_rent_column_wins() {
    let (plan, cols, _) =
        planned("Unit,Type,SF,Rent,Actual Rent,Market Rent,Status\n101,1BR,700,900,950,1000,Occupied\n");
    assert_eq!(plan.kind, Kind::Multifamily);
    assert_eq!(plan.col(Field::ActualRent), Some(4));
    assert_eq!(cols[3].field, None);
    assert!(
        cols[3]
            .reason
            .ends_with("actual_rent is read from column \"Actual Rent\""),
        "{}",
        cols[3].reason
    );
    assert_eq!(plan.col(Field::Unit), Some(0));
}

#[test]
fn a_day_first_date_column_is_noticed() {
    let (plan, cols, _) = planned(
        "Tenant,Suite,SF,Annual Rent,Lease Exp\nAcme,100,1000,24000,31/01/2027\nBeta,200,1000,24000,05/02/2027\n",
    );
    assert!(plan.date_style(Field::End).day_first);
    assert!(plan.date_style(Field::End).month_end);
    assert!(cols[4].reason.contains("day first"), "{}", cols[4].reason);
}

#[test]
fn the_callers_choices_override_the_detected_mapping() {
    let g = read("x.csv", b"Tenant,Suite,SF,Rent,Notes\nAcme,100,1000,24000,x\n", None).unwrap();
    let mut h = detect(&g).unwrap();
    let mut problems = Vec::new();
    apply_choices(
        &mut h,
        &[
            ColumnChoice {
                column: 3,
                field: Some("annual_rent".into()),
            },
            ColumnChoice {
                column: 4,
                field: Some("rent".into()),
            },
        ],
        &mut problems,
    );
    assert_eq!(h.columns[3].role, Some(Role::AnnualRent));
    assert_eq!(h.columns[3].reason, "mapped to annual_rent by the caller");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "unknown_field");
}
