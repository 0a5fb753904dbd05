//! Engine-level tests: the checks anyone can repeat, input refusals, and whole-run invariants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};

use super::*;

const DENVER: &str = include_str!("../../../golden/dcf/denver-office/input.json");

fn gordon() -> Value {
    json!({
        "kind": "commercial", "analysis_start": "2026-01", "hold_years": 10,
        "purchase_price": 16666666.67, "discount_rate": 0.08, "exit_cap_rate": 0.06,
        "building_area_sf": 100000,
        "leases": [{"tenant": "Anchor", "area_sf": 100000, "start": "2026-01", "end": "2045-12",
                    "rent_psf": 10.0, "escalation_pct": 0.02, "recovery": "gross", "mla": "w"}],
        "market_leasing": {"w": {"market_rent_psf": 10, "term_years": 5, "renewal_probability": 0.7}}
    })
}

fn run(v: &Value) -> Result<DcfResult, DcfError> {
    value(&DcfInput::from_json_str(&v.to_string())?)
}

#[test]
fn gordon_growth_sells_at_20_316_573_67_and_earns_exactly_8_percent() {
    let r = run(&gordon()).unwrap();
    assert!(
        (r.gross_sale_price - 20_316_573.67).abs() < 0.005,
        "{}",
        r.gross_sale_price
    );
    assert!((r.unlevered_irr.unwrap() - 0.08).abs() < 1e-9, "{:?}", r.unlevered_irr);
    assert!((r.noi_year1 - 1_000_000.0).abs() < 1e-6);
}

#[test]
fn without_a_loan_levered_equals_unlevered_and_debt_metrics_are_null() {
    let r = run(&gordon()).unwrap();
    assert_eq!(r.levered_cash_flows, r.unlevered_cash_flows);
    assert_eq!(r.levered_irr, r.unlevered_irr);
    assert_eq!(
        (r.dscr_min, r.dscr_avg, r.debt_yield, r.levered_npv),
        (None, None, None, None)
    );
}

#[test]
fn the_ledger_is_only_produced_on_request_and_sums_to_the_years() {
    let input = DcfInput::from_json_str(DENVER).unwrap();
    assert!(value(&input).unwrap().ledger.is_none());
    let r = value_with_options(&input, ValueOptions { ledger: true }).unwrap();
    let ledger = r.ledger.as_ref().unwrap();
    assert_eq!(ledger.len(), 12 * 8);
    assert_eq!(ledger[0].date, "2026-01");
    for y in &r.years {
        let months = &ledger[12 * (y.year as usize - 1)..12 * y.year as usize];
        let noi: f64 = months.iter().map(|m| m.noi).sum();
        let ds: f64 = months.iter().map(|m| m.debt_service).sum();
        assert!((noi - y.noi).abs() < 1e-6 && (ds - y.debt_service).abs() < 1e-6);
    }
}

#[test]
fn a_short_speculative_lease_rolls_again_and_again_past_the_forward_year() {
    let v = json!({
        "kind": "commercial", "analysis_start": "2026-01", "hold_years": 3,
        "purchase_price": 1000000, "discount_rate": 0.08, "exit_cap_rate": 0.07,
        "building_area_sf": 1000,
        "leases": [{"vacant": true, "area_sf": 1000, "mla": "m"}],
        "market_leasing": {"m": {"market_rent_psf": 20, "term_years": 1, "renewal_probability": 0.5,
                                 "ti_new_psf": 10, "ti_renewal_psf": 2}}
    });
    let input = DcfInput::from_json_str(&v.to_string()).unwrap();
    let r = value_with_options(&input, ValueOptions { ledger: true }).unwrap();
    let ledger = r.ledger.unwrap();
    let ti_months: Vec<usize> = ledger.iter().filter(|m| m.ti > 0.0).map(|m| m.month).collect();
    assert_eq!(ti_months, vec![0, 12, 24, 36]);
    assert!((ledger[0].ti - 10_000.0).abs() < 1e-9);
    assert!(
        (ledger[12].ti - 6_000.0).abs() < 1e-9,
        "blended at p = 0.5 after the first lease"
    );
    assert!(ledger.iter().all(|m| (m.base_rent - 20_000.0 / 12.0).abs() < 1e-9));
}

#[test]
fn renewal_downtime_is_blended_and_rounded_half_up() {
    // p = 0.5, downtime 3 → 1.5 months → 2 months without rent or recoveries.
    let v = json!({
        "kind": "commercial", "analysis_start": "2026-01", "hold_years": 1,
        "purchase_price": 1000000, "discount_rate": 0.08, "exit_cap_rate": 0.07,
        "building_area_sf": 1000, "expenses": [{"name": "tax", "annual": 1200, "recoverable": true}],
        "leases": [{"area_sf": 1000, "start": "2025-01", "end": "2026-03", "rent_psf": 12,
                    "recovery": "nnn", "renewal_probability": 0.5, "mla": "m"}],
        "market_leasing": {"m": {"market_rent_psf": 12, "term_years": 5, "renewal_probability": 0.5,
                                 "downtime_months": 3, "recovery": "nnn"}}
    });
    let input = DcfInput::from_json_str(&v.to_string()).unwrap();
    let ledger = value_with_options(&input, ValueOptions { ledger: true })
        .unwrap()
        .ledger
        .unwrap();
    let occupied: Vec<bool> = ledger[..8]
        .iter()
        .map(|m| m.base_rent > 0.0 && m.recoveries > 0.0)
        .collect();
    assert_eq!(occupied, vec![true, true, true, false, false, true, true, true]);
}

#[test]
fn an_equity_discount_rate_gives_levered_npv_only_with_a_loan() {
    let mut with_rate = gordon();
    with_rate["equity_discount_rate"] = json!(0.1);
    assert_eq!(run(&with_rate).unwrap().levered_npv, None);
    let input = DcfInput::from_json_str(DENVER).unwrap();
    let r = value(&input).unwrap();
    assert!((r.levered_npv.unwrap() - npv(0.11, &r.levered_cash_flows)).abs() < 1e-6);
}

#[test]
fn the_result_serializes_with_the_field_names_of_the_contract() {
    let r = serde_json::to_value(run(&gordon()).unwrap()).unwrap();
    for key in [
        "noi_year1",
        "forward_noi",
        "exit_cap_rate",
        "discount_rate",
        "gross_sale_price",
        "net_sale_proceeds",
        "loan_amount",
        "loan_balance_at_sale",
        "unlevered_cash_flows",
        "levered_cash_flows",
        "npv",
        "dcf_value",
        "unlevered_irr",
        "levered_irr",
        "equity_multiple",
        "cash_on_cash_year1",
        "going_in_cap_rate",
        "dscr_min",
        "dscr_avg",
        "debt_yield",
        "levered_npv",
        "years",
    ] {
        assert!(r.get(key).is_some(), "{key}");
    }
    assert!(r.get("ledger").is_none());
}
