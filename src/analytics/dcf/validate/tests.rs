//! Every refusal of docs/dcf.md names its field; nothing is clamped.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};

use super::super::DcfInput;

const DENVER: &str = include_str!("../../../../golden/dcf/denver-office/input.json");
const AUSTIN: &str = include_str!("../../../../golden/dcf/austin-multifamily/input.json");

fn refused_on(v: Value) -> String {
    DcfInput::from_json_str(&v.to_string()).unwrap_err().field().to_string()
}

/// Sets (or adds) the value at a JSON pointer whose parent exists.
fn with(mut v: Value, pointer: &str, x: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.insert(key.to_string(), x);
        }
        other => *other.get_mut(key.parse::<usize>().unwrap()).unwrap() = x,
    }
    v
}

#[test]
fn each_invalid_input_is_refused_naming_its_field() {
    let d: Value = serde_json::from_str(DENVER).unwrap();
    let cases = [
        (with(d.clone(), "/hold_years", json!(0)), "hold_years"),
        (with(d.clone(), "/hold_years", json!(31)), "hold_years"),
        (with(d.clone(), "/hold_years", json!(2.5)), "hold_years"),
        (with(d.clone(), "/exit_cap_rate", json!(0.0)), "exit_cap_rate"),
        (with(d.clone(), "/discount_rate", json!(1.0)), "discount_rate"),
        (
            with(d.clone(), "/market_rent_growth", json!(-1.0)),
            "market_rent_growth",
        ),
        (with(d.clone(), "/loan/rate", json!(1.5)), "loan.rate"),
        (
            with(d.clone(), "/leases/0/escalation_pct", json!(2.0)),
            "leases[0].escalation_pct",
        ),
        (with(d.clone(), "/leases/2/area_sf", json!(-7000)), "leases[2].area_sf"),
        (with(d.clone(), "/building_area_sf", json!(-1)), "building_area_sf"),
        (with(d.clone(), "/leases/2/end", json!("2024-02")), "leases[2].end"),
        (with(d.clone(), "/leases/1/end", json!("2025-12")), "leases[1].end"),
        (with(d.clone(), "/leases/0/mla", json!("retail")), "leases[0].mla"),
        (with(d.clone(), "/leases/3/mla", json!("nope")), "leases[3].mla"),
        (
            with(d.clone(), "/leases/1/expense_stop_psf", Value::Null),
            "leases[1].expense_stop_psf",
        ),
        (with(d.clone(), "/leases/0/start", json!("2022-13")), "leases[0].start"),
        (with(d.clone(), "/analysis_start", json!("January")), "analysis_start"),
        (
            with(d.clone(), "/hazard/composite_score", json!(1.2)),
            "hazard.composite_score",
        ),
        (with(d.clone(), "/loan/amount", json!(100)), "loan.ltv"),
        (
            with(d.clone(), "/market_leasing/office/term_years", json!(0)),
            "market_leasing.office.term_years",
        ),
        (
            with(d.clone(), "/market_leasing/office/renewal_probability", json!(1.1)),
            "market_leasing.office.renewal_probability",
        ),
        (with(d.clone(), "/leases/3/rent_psf", json!(20)), "leases[3].rent_psf"),
        (with(d.clone(), "/unit_mix", json!([])), "unit_mix"),
        (with(d.clone(), "/loan/ratee", json!(0.05)), "loan.ratee"),
        (
            with(d.clone(), "/leases/1/recoveryy", json!("nnn")),
            "leases[1].recoveryy",
        ),
    ];
    for (input, field) in cases {
        assert_eq!(refused_on(input), field);
    }
}

#[test]
fn a_leased_area_above_the_building_is_refused() {
    let d: Value = serde_json::from_str(DENVER).unwrap();
    assert_eq!(
        refused_on(with(d, "/building_area_sf", json!(20000))),
        "leases[2].area_sf"
    );
}

#[test]
fn a_vacant_suite_and_a_lease_refer_to_an_mla_that_must_exist() {
    let d: Value = serde_json::from_str(DENVER).unwrap();
    let v = with(d, "/market_leasing", json!({}));
    assert_eq!(refused_on(v), "leases[0].mla");
}

#[test]
fn multifamily_refusals_name_their_fields() {
    let d: Value = serde_json::from_str(AUSTIN).unwrap();
    let cases = [
        (with(d.clone(), "/unit_mix/1/units", json!(-3)), "unit_mix[1].units"),
        (
            with(d.clone(), "/unit_mix/0/market_rent", json!(-1)),
            "unit_mix[0].market_rent",
        ),
        (
            with(d.clone(), "/multifamily/turnover_months", json!(0)),
            "multifamily.turnover_months",
        ),
        (
            with(d.clone(), "/multifamily/concessions_pct", json!(1.0)),
            "multifamily.concessions_pct",
        ),
        (
            with(d.clone(), "/general_vacancy_pct", json!(0.99)),
            "general_vacancy_pct",
        ),
        (with(d.clone(), "/leases", json!([])), "leases"),
        (with(d.clone(), "/kind", json!("office")), "kind"),
        (with(d.clone(), "/purchase_price", json!(0)), "purchase_price"),
        (
            with(d.clone(), "/loan/amortization_years", json!(0.01)),
            "loan.amortization_years",
        ),
        (with(d.clone(), "/loan/io_months", json!(-1)), "loan.io_months"),
        (with(d.clone(), "/loan/ltv", json!(1.2)), "loan.ltv"),
        (
            with(d.clone(), "/equity_discount_rate", json!(-1.5)),
            "equity_discount_rate",
        ),
    ];
    for (input, field) in cases {
        assert_eq!(refused_on(input), field);
    }
}
