//! DCF over GraphQL: the inline `dcf` reproduces a golden case, refusals name the GraphQL path,
//! viewers are refused, and `propertyDcf` values (and `savePropertyDcf` saves) a property built
//! through the API, never another tenant's.
use crate::on_both_backends;
use crate::resolvers::harness::{Caller, Harness, code};
use reos::auth::Role;
use serde_json::{Value, json};

const DENVER_INPUT: &str = include_str!("../../golden/dcf/denver-office/input.json");
const DENVER_EXPECTED: &str = include_str!("../../golden/dcf/denver-office/expected.json");

const RESULT_FIELDS: &str = "noiYear1 forwardNoi exitCapRate discountRate grossSalePrice netSaleProceeds loanAmount
    loanBalanceAtSale unleveredCashFlows leveredCashFlows npv dcfValue unleveredIrr leveredIrr
    unleveredIrrMultipleRoots leveredIrrMultipleRoots equityMultiple cashOnCashYear1 goingInCapRate dscrMin dscrAvg
    debtYield leveredNpv years { year baseRent recoveries otherIncome egi opex noi ti lc capitalReserve cfbds debtService }";

use crate::support::dcf_graphql::camel_keys;
use crate::support::dcf_graphql::graphql_input;

/// Every number of `expected` matches `actual` to 1e-6 relative (absolute near zero).
fn assert_close(path: &str, expected: &Value, actual: &Value) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).unwrap_or_else(|| panic!("{path}.{k} missing in {actual}"));
                assert_close(&format!("{path}.{k}"), ev, av);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{path} length");
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                assert_close(&format!("{path}[{i}]"), ev, av);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            assert!(
                (e - a).abs() <= (1e-6 * e.abs()).max(1e-6),
                "{path}: expected {e}, got {a}"
            );
        }
        (e, a) => assert_eq!(e, a, "{path}"),
    }
}

const DCF: &str = "query($i: DcfInput!) { dcf(input: $i) { RESULT } }";

async fn inline_dcf_reproduces_the_denver_office_golden_case(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Analyst);
    let q = DCF.replace("RESULT", RESULT_FIELDS);
    let d = h.data(&t, &q, json!({"i": graphql_input(DENVER_INPUT)})).await;
    let expected = camel_keys(&serde_json::from_str(DENVER_EXPECTED).unwrap());
    assert_close("dcf", &expected, &d["dcf"]);

    let q = DCF.replace("RESULT", "dcfValue ledger { month date noi loanBalance }");
    let d = h.data(&t, &q, json!({"i": graphql_input(DENVER_INPUT)})).await;
    assert_eq!(
        d["dcf"]["ledger"].as_array().unwrap().len(),
        12 * 8,
        "hold 7 + forward year"
    );
    assert_eq!(d["dcf"]["ledger"][0]["date"], "2026-01");
}
on_both_backends!(inline_dcf_reproduces_the_denver_office_golden_case);

async fn refusals_name_the_graphql_path_and_viewers_are_forbidden(h: Harness) {
    h.tenant("alpha").await;
    let analyst = h.caller("alpha", Role::Analyst);
    let q = DCF.replace("RESULT", "dcfValue");
    let mut bad_end = graphql_input(DENVER_INPUT);
    bad_end["leases"][2]["end"] = json!("2024-01");
    let mut bad_mla = graphql_input(DENVER_INPUT);
    bad_mla["marketLeasing"][0]["tiNewPsf"] = json!(-1.0);
    let mut bad_hold = graphql_input(DENVER_INPUT);
    bad_hold["holdYears"] = json!(31);
    for (input, field) in [
        (bad_end, "input.leases[2].end"),
        (bad_mla, "input.marketLeasing[0].tiNewPsf"),
        (bad_hold, "input.holdYears"),
    ] {
        let body = h.gql(&analyst, &q, json!({"i": input})).await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let viewer = h.caller("alpha", Role::Viewer);
    let body = h.gql(&viewer, &q, json!({"i": graphql_input(DENVER_INPUT)})).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");
}
on_both_backends!(refusals_name_the_graphql_path_and_viewers_are_forbidden);

async fn monte_carlo_is_seeded_and_capped_and_sensitivity_is_centred(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Analyst);
    let mc = "query($i: DcfInput!, $p: Int!) { dcfMonteCarlo(input: $i, paths: $p, seed: 7,
        spec: {exitCapRate: {normal: {mean: 0.0675, stdDev: 0.003}}, histogramBins: 10})
        { paths npv { count mean p50 } npvHistogram { counts } } }";
    let vars = |p: i32| json!({"i": graphql_input(DENVER_INPUT), "p": p});
    let a = h.data(&t, mc, vars(200)).await;
    let b = h.data(&t, mc, vars(200)).await;
    assert_eq!(a, b, "same seed, same numbers");
    assert_eq!(a["dcfMonteCarlo"]["npv"]["count"], 200);
    let counts: i64 = a["dcfMonteCarlo"]["npvHistogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_i64().unwrap())
        .sum();
    assert_eq!(counts, 200);
    let body = h.gql(&t, mc, vars(100_001)).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "paths", "{body}");

    let s = "query($i: DcfInput!) { dcf(input: $i) { dcfValue }
        dcfSensitivity(input: $i) { exitCapByDiscountRate { rows cols cells { value } } } }";
    let d = h.data(&t, s, json!({"i": graphql_input(DENVER_INPUT)})).await;
    let g = &d["dcfSensitivity"]["exitCapByDiscountRate"];
    assert_eq!(g["rows"].as_array().unwrap().len(), 9);
    assert_eq!(g["cells"][4][4]["value"], d["dcf"]["dcfValue"]);
}
on_both_backends!(monte_carlo_is_seeded_and_capped_and_sensitivity_is_centred);

/// Creates an office property with a lease, a vacant suite, expenses, a leasing profile, a loan
/// and assumptions through the API; returns its id.
pub(super) async fn office(h: &Harness, t: &Caller) -> String {
    office_leased(h, t, ("2024-01", "2028-12"), "2026-01").await
}

/// [`office`] with the lease's `(start, end)` months and the analysis start month given: a
/// 20,000 sf office bought at 5,000,000; Law LLP on 15,000 sf at $28 NNN with 3% steps, a vacant
/// 5,000 sf suite, tax 90,000 (recoverable) and admin 15,000, the `office` profile at $29, a 60%
/// LTV loan at 6% with 12 interest-only months, a 5-year hold.
pub(super) async fn office_leased(h: &Harness, t: &Caller, (start, end): (&str, &str), analysis_start: &str) -> String {
    let d = h
        .data(
            t,
            "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
            json!({"i": {"address": {"line1": "1 Blake St", "city": "Denver", "state": "CO"}, "propertyType": "OFFICE",
                "buildingAreaSf": 20000.0, "purchasePrice": 5000000.0}}),
        )
        .await;
    let p = d["createProperty"]["property"]["id"].as_str().unwrap().to_owned();
    let steps = [
        (
            "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
            json!({"propertyId": p, "tenantName": "Law LLP", "areaSf": 15000.0, "start": start, "end": end,
                "rentPsf": 28.0, "escalationPct": 0.03, "recovery": "NNN", "mla": "office"}),
        ),
        (
            "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
            json!({"propertyId": p, "vacant": true, "areaSf": 5000.0, "mla": "office"}),
        ),
        (
            "mutation($i: CreateOperatingExpenseInput!) { createOperatingExpense(input: $i) { expense { id } } }",
            json!({"propertyId": p, "name": "tax", "annual": 90000.0, "recoverable": true}),
        ),
        (
            "mutation($i: CreateOperatingExpenseInput!) { createOperatingExpense(input: $i) { expense { id } } }",
            json!({"propertyId": p, "name": "admin", "annual": 15000.0}),
        ),
        (
            "mutation($i: CreateMarketLeasingProfileInput!) { createMarketLeasingProfile(input: $i) { profile { id } } }",
            json!({"propertyId": p, "name": "office", "marketRentPsf": 29.0, "termYears": 5.0, "renewalProbability": 0.7,
                "downtimeMonths": 6, "freeRentNewMonths": 3, "tiNewPsf": 30.0, "lcNewPct": 0.06, "recovery": "NNN"}),
        ),
        (
            "mutation($i: SetLoanInput!) { setLoan(input: $i) { loan { id } } }",
            json!({"propertyId": p, "ltv": 0.6, "rate": 0.06, "amortizationYears": 30.0, "ioMonths": 12}),
        ),
        (
            "mutation($i: SetDcfAssumptionsInput!) { setDcfAssumptions(input: $i) { assumptions { analysisStart } } }",
            json!({"propertyId": p, "analysisStart": analysis_start, "holdYears": 5, "discountRate": 0.08,
                "exitCapRate": 0.07, "sellingCostPct": 0.02, "marketRentGrowth": 0.03, "expenseGrowth": 0.03}),
        ),
    ];
    for (q, i) in steps {
        h.data(t, q, json!({"i": i})).await;
    }
    p
}

async fn property_dcf_values_and_saves_a_stored_property(h: Harness) {
    h.tenant("alpha").await;
    h.tenant("bravo").await;
    let op = h.caller("alpha", Role::Operator);
    let analyst = h.caller("alpha", Role::Analyst);
    let p = office(&h, &op).await;

    let body = h
        .gql(
            &analyst,
            "mutation($i: SetLoanInput!) { setLoan(input: $i) { loan { id } } }",
            json!({"i": {"propertyId": p, "ltv": 0.5, "rate": 0.06, "amortizationYears": 30.0}}),
        )
        .await;
    assert_eq!(code(&body), "FORBIDDEN", "analysts cannot change inputs");
    let body = h
        .gql(
            &op,
            "mutation($i: SetLoanInput!) { setLoan(input: $i) { loan { id } } }",
            json!({"i": {"propertyId": p, "ltv": 0.5, "amount": 1.0, "rate": 0.06, "amortizationYears": 30.0}}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.ltv", "{body}");

    let q = "query($p: ID!) { propertyDcf(propertyId: $p) { dcfValue unleveredIrr loanAmount years { noi } } }";
    let save = "mutation($p: ID!) { savePropertyDcf(propertyId: $p) { result { dcfValue } } }";
    let d = h.data(&analyst, q, json!({"p": p})).await;
    let value = d["propertyDcf"]["dcfValue"].as_f64().unwrap();
    assert!(value.is_finite() && value > 0.0, "{d}");
    assert!((d["propertyDcf"]["loanAmount"].as_f64().unwrap() - 3_000_000.0).abs() < 1e-6);
    assert_eq!(d["propertyDcf"]["years"].as_array().unwrap().len(), 5);

    let over = "query($p: ID!) { propertyDcf(propertyId: $p, assumptions: {exitCapRate: 0.09}) { dcfValue } }";
    let lower = h.data(&analyst, over, json!({"p": p})).await["propertyDcf"]["dcfValue"]
        .as_f64()
        .unwrap();
    assert!(lower < value, "a higher exit cap override lowers the value");
    let body = h
        .gql(
            &analyst,
            "query($p: ID!) { propertyDcf(propertyId: $p, assumptions: {holdYears: 40}) { dcfValue } }",
            json!({"p": p}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "assumptions.holdYears",
        "{body}"
    );

    let v = "query($p: ID!) { property(id: $p) { latestValuation { model modelVersion value inputsHash createdBy } } }";
    assert!(h.data(&analyst, v, json!({"p": p})).await["property"]["latestValuation"].is_null());
    h.data(&analyst, save, json!({"p": p})).await;
    let saved = h.data(&analyst, v, json!({"p": p})).await["property"]["latestValuation"].clone();
    assert_eq!(saved["model"], "dcf");
    assert_eq!(saved["inputsHash"].as_str().unwrap().len(), 64);
    assert!((saved["value"].as_f64().unwrap() - value).abs() < 1e-6, "{saved}");

    let inputs = "query($p: ID!) { dcfInputs(propertyId: $p) { expenses { name } leasingProfiles { name } loan { ltv } assumptions { holdYears } } }";
    let d = h.data(&analyst, inputs, json!({"p": p})).await;
    assert_eq!(d["dcfInputs"]["expenses"].as_array().unwrap().len(), 2);
    assert_eq!(d["dcfInputs"]["loan"]["ltv"], 0.6);

    let other = h.caller("bravo", Role::Admin);
    for query in [q, save, inputs] {
        let body = h.gql(&other, query, json!({"p": p})).await;
        assert_eq!(code(&body), "NOT_FOUND", "{body}");
    }
    let body = h
        .gql(
            &other,
            "mutation($i: CreateOperatingExpenseInput!) { createOperatingExpense(input: $i) { expense { id } } }",
            json!({"i": {"propertyId": p, "name": "x", "annual": 1.0}}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
}
on_both_backends!(property_dcf_values_and_saves_a_stored_property);
