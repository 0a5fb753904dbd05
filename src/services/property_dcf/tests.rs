//! Tests of the stored-rows → engine-input mapping.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::analytics::dcf::DcfInput;
use crate::persistence::repositories::dcf_inputs::PropertyDcfRows;
use chrono::{NaiveDate, Utc};
use reos_entities::{lease, market_leasing_profile, operating_expense, property};
use uuid::Uuid;

fn property(kind: &str) -> property::Model {
    property::Model {
        address_line1: "1 Main".into(),
        city: "Denver".into(),
        state: "CO".into(),
        list_price: Some(5_000_000.0),
        building_area_sf: Some(20_000.0),
        ..property::Model::blank(Uuid::nil(), Uuid::nil(), kind.parse().unwrap(), Utc::now())
    }
}

fn rows() -> PropertyDcfRows {
    let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    PropertyDcfRows {
        property: property("office"),
        leases: vec![lease::Model {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            property_id: Uuid::nil(),
            tenant_name: Some("Acme".into()),
            suite: None,
            vacant: false,
            area_sf: 20_000.0,
            start_month: Some(d(2024, 1)),
            end_month: Some(d(2028, 12)),
            rent_psf: Some(25.0),
            escalation_pct: 0.03,
            free_rent_months: 0,
            recovery: reos_entities::enums::Recovery::Nnn,
            expense_stop_psf: Some(9.0),
            renewal_probability: None,
            mla: "office".into(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }],
        units: vec![],
        expenses: vec![operating_expense::Model {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            property_id: Uuid::nil(),
            name: "tax".into(),
            annual: 80_000.0,
            recoverable: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }],
        profiles: vec![market_leasing_profile::Model {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            property_id: Uuid::nil(),
            name: "office".into(),
            market_rent_psf: 27.0,
            term_years: 5.0,
            renewal_probability: 0.7,
            downtime_months: 6,
            free_rent_new_months: 3,
            free_rent_renewal_months: 1,
            ti_new_psf: 30.0,
            ti_renewal_psf: 10.0,
            lc_new_pct: 0.06,
            lc_renewal_pct: 0.03,
            escalation_pct: 0.03,
            recovery: reos_entities::enums::Recovery::Nnn,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }],
        loan: None,
        assumptions: None,
        hazard: None,
    }
}

fn overrides() -> Assumptions {
    Assumptions {
        analysis_start: Some("2026-01".into()),
        hold_years: Some(5.0),
        discount_rate: Some(0.08),
        exit_cap_rate: Some(0.07),
        ..Assumptions::default()
    }
}

#[test]
fn a_commercial_property_maps_to_a_valid_engine_input() {
    let raw = raw_input(&rows(), overrides());
    assert_eq!(
        raw.purchase_price,
        Some(5_000_000.0),
        "list price stands in for a missing purchase price"
    );
    assert_eq!(raw.leases.as_ref().unwrap()[0].start.as_deref(), Some("2024-01"));
    assert_eq!(
        raw.leases.as_ref().unwrap()[0].expense_stop_psf,
        None,
        "stop only for base_year"
    );
    let input = DcfInput::from_raw(raw).unwrap();
    assert!(crate::analytics::dcf::value(&input).unwrap().dcf_value.is_finite());
}

#[test]
fn missing_assumptions_are_left_for_the_engine_to_refuse() {
    let raw = raw_input(&rows(), Assumptions::default());
    assert_eq!(DcfInput::from_raw(raw).unwrap_err().field(), "analysis_start");
}

#[test]
fn the_inputs_hash_is_stable_and_changes_with_the_inputs() {
    let a = inputs_hash(&raw_input(&rows(), overrides())).unwrap();
    assert_eq!(a.len(), 64);
    assert_eq!(a, inputs_hash(&raw_input(&rows(), overrides())).unwrap());
    let mut o = overrides();
    o.exit_cap_rate = Some(0.075);
    assert_ne!(a, inputs_hash(&raw_input(&rows(), o)).unwrap());
}
