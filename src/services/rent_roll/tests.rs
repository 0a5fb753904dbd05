//! Unit tests of `services::rent_roll`: lease fields from a roll's row (defaults on create, stored
//! values kept on update), the no-change check, unit-mix fields and row evidence.
#![allow(clippy::unwrap_used)]
use super::commercial::{fields, key, unchanged};
use super::multifamily::rows_evidence;
use super::*;
use crate::analytics::rent_roll::CommercialValues;
use crate::analytics::rent_roll::metrics::UnitType;
use chrono::NaiveDate;
use reos_entities::enums::Recovery;
use reos_entities::lease;
use uuid::Uuid;

fn row() -> CommercialValues {
    CommercialValues {
        tenant: Some("Acme".into()),
        suite: Some("100".into()),
        area_sf: Some(2_000.0),
        annual_rent: Some(50_000.0),
        start: NaiveDate::from_ymd_opt(2024, 1, 1),
        end: NaiveDate::from_ymd_opt(2028, 12, 31),
        vacant: Some(false),
        ..CommercialValues::default()
    }
}

fn stored() -> lease::Model {
    let now = chrono::Utc::now();
    lease::Model {
        id: Uuid::now_v7(),
        tenant_id: Uuid::now_v7(),
        property_id: Uuid::now_v7(),
        tenant_name: Some("Acme".into()),
        suite: Some("100".into()),
        vacant: false,
        area_sf: 2_000.0,
        start_month: NaiveDate::from_ymd_opt(2024, 1, 1),
        end_month: NaiveDate::from_ymd_opt(2028, 12, 1),
        rent_psf: Some(25.0),
        escalation_pct: 0.03,
        free_rent_months: 2,
        recovery: Recovery::BaseYear,
        expense_stop_psf: Some(6.5),
        renewal_probability: Some(0.7),
        mla: "office".into(),
        created_at: now,
        updated_at: now,
    }
}

#[test]
fn a_new_lease_takes_the_roll_and_the_import_defaults() {
    let f = fields(&row(), None);
    assert_eq!(
        (f.start.as_deref(), f.end.as_deref()),
        (Some("2024-01"), Some("2028-12"))
    );
    // 50,000 a year on 2,000 sf.
    assert_eq!(f.rent_psf, Some(25.0));
    assert_eq!(
        (f.escalation_pct, f.free_rent_months, f.recovery),
        (0.0, 0, Recovery::Gross)
    );
    assert_eq!(
        (f.expense_stop_psf, f.renewal_probability, f.mla.as_str()),
        (None, None, "default")
    );
}

#[test]
fn an_update_keeps_what_the_roll_does_not_say_and_the_same_values_change_nothing() {
    let s = stored();
    let f = fields(&row(), Some(&s));
    assert_eq!(
        (f.escalation_pct, f.free_rent_months, f.recovery),
        (0.03, 2, Recovery::BaseYear)
    );
    assert_eq!((f.expense_stop_psf, f.mla.as_str()), (Some(6.5), "office"));
    assert!(unchanged(&s, &f), "the roll says what is stored");
    let moved = CommercialValues {
        annual_rent: Some(52_000.0),
        ..row()
    };
    assert!(!unchanged(&s, &fields(&moved, Some(&s))));
    assert_eq!(key(" Ste 100A "), "ste 100a");
}

#[test]
fn a_vacant_suite_has_no_tenant_term_or_rent() {
    let v = CommercialValues {
        tenant: None,
        vacant: Some(true),
        annual_rent: Some(30_000.0),
        ..row()
    };
    let f = fields(&v, Some(&stored()));
    assert!(f.vacant);
    assert_eq!((f.tenant_name, f.start, f.end, f.rent_psf), (None, None, None, None));
}

#[test]
fn unit_mix_fields_and_row_evidence() {
    let t = UnitType {
        unit_type: "1BR".into(),
        units: 3,
        occupied: 0,
        avg_area_sf: Some(700.0),
        avg_actual_rent: None,
        avg_market_rent: Some(1_100.0),
        occupancy: 0.0,
        rows: vec![4, 5, 6, 9],
    };
    let f = crate::services::unit_leases::mix_fields(&t);
    // No occupied unit: the current rent is the market rent.
    assert_eq!((f.units, f.current_rent, f.market_rent), (3, 1_100.0, 1_100.0));
    assert_eq!(rows_evidence(&t.rows), "rows:4-6,9");
    assert_eq!(rows_evidence(&[12]), "rows:12");
}

#[test]
fn a_rejected_roll_is_bad_user_input_naming_its_problems() {
    let opts = Options::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    let p = preview(
        RentRollFile {
            name: "x.csv",
            bytes: b"Suite,Tenant,SF,Annual Rent,LCD,LXD\n100,A,1000,abc,1/1/2024,12/31/2028\n",
        },
        &opts,
    );
    let e = RentRollError::Rejected(Box::new(p));
    assert_eq!(e.code(), "RENT_ROLL_REJECTED");
    let api = ApiError::from(e);
    assert_eq!(api.code(), "BAD_USER_INPUT");
    assert!(
        api.message()
            .contains("row 2, column \"Annual Rent\": `abc` is not an amount of money"),
        "{}",
        api.message()
    );
    assert_eq!(
        source(&Preview {
            file: "r.csv".into(),
            sha256: "ab".into(),
            ..preview(
                RentRollFile {
                    name: "r.csv",
                    bytes: b""
                },
                &opts
            )
        }),
        "rent-roll:r.csv#sha256:ab"
    );
}
