//! Deal sizing over GraphQL (docs/deal-sizing.md): loan programs are operator-written, validated
//! and tenant-scoped; `sizeLoan`, `maxBid` and `lenderFit` answer for a stored property or an
//! inline input, agree with the golden walkthrough case, and refuse what has no answer by code.
use crate::on_both_backends;
use crate::resolvers::dcf::office;
use crate::resolvers::harness::{Harness, code};
use crate::support::dcf_graphql::graphql_input;
use reos::auth::Role;
use serde_json::{Value, json};

const WALK_INPUT: &str = include_str!("../../golden/max-bid/walkthrough-office/input.json");
const WALK_EXPECTED: &str = include_str!("../../golden/max-bid/walkthrough-office/expected.json");

const CREATE: &str =
    "mutation($i: LoanProgramInput!) { createLoanProgram(input: $i) { loanProgram { id lender name loanConstant } } }";
const SIZE: &str = "query($i: SizeLoanInput!) { sizeLoan(input: $i) { sizing { amount binding ltvLimit dscrLimit debtYieldLimit ltv dscrYear1 debtYield noiYear1 } dcf { loanAmount leveredIrr } } }";
const BID: &str = "query($i: MaxBidInput!) { maxBid(input: $i) { maxPrice bindingTarget loanAmount loanBinding leveredIrr unleveredIrr goingInCapRate equity engineRuns sizing { amount binding } dcf { leveredIrr loanAmount } } }";

fn program(lender: &str, ltv: f64) -> Value {
    json!({"lender": lender, "name": "core", "maxLtv": ltv, "minDscr": 1.25, "minDebtYield": 0.09,
           "rate": 0.065, "amortizationYears": 30.0, "termYears": 10.0})
}

fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"].as_str().unwrap_or("<none>")
}

async fn loan_programs_are_operator_written_validated_and_tenant_scoped(h: Harness) {
    h.tenant("alpha").await;
    h.tenant("bravo").await;
    let op = h.caller("alpha", Role::Operator);
    let analyst = h.caller("alpha", Role::Analyst);
    let body = h.gql(&analyst, CREATE, json!({"i": program("First Bank", 0.65)})).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");

    let d = h.data(&op, CREATE, json!({"i": program("First Bank", 0.65)})).await;
    let id = d["createLoanProgram"]["loanProgram"]["id"].as_str().unwrap().to_owned();
    let c = d["createLoanProgram"]["loanProgram"]["loanConstant"].as_f64().unwrap();
    assert!((c - 0.075_848_162_819_155_84).abs() < 1e-12, "6.5% over 30 years: {c}");
    let body = h.gql(&op, CREATE, json!({"i": program("First Bank", 0.65)})).await;
    assert_eq!(code(&body), "CONFLICT", "lender and name are unique: {body}");

    let mut bad = program("Second Bank", 1.5);
    let body = h.gql(&op, CREATE, json!({"i": bad})).await;
    assert_eq!(
        (code(&body), field(&body)),
        ("BAD_USER_INPUT", "input.maxLtv"),
        "{body}"
    );
    bad = json!({"lender": "Second Bank", "name": "x", "rate": 0.06});
    let body = h.gql(&op, CREATE, json!({"i": bad})).await;
    assert_eq!(field(&body), "input", "a program needs a sizing test: {body}");
    let body = h
        .gql(&op, CREATE, json!({"i": {"name": "x", "rate": 0.06, "maxLtv": 0.5}}))
        .await;
    assert_eq!(field(&body), "input.lender", "{body}");

    let update = "mutation($id: ID!, $i: LoanProgramInput!) { updateLoanProgram(id: $id, input: $i) { loanProgram { maxLtv } } }";
    let d = h
        .data(&op, update, json!({"id": id, "i": program("First Bank", 0.6)}))
        .await;
    assert_eq!(d["updateLoanProgram"]["loanProgram"]["maxLtv"], 0.6);

    let list = "{ loanPrograms { id lender } }";
    assert_eq!(
        h.data(&analyst, list, json!({})).await["loanPrograms"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let other = h.caller("bravo", Role::Admin);
    assert_eq!(h.data(&other, list, json!({})).await["loanPrograms"], json!([]));
    let one = "query($id: ID!) { loanProgram(id: $id) { id } }";
    assert_eq!(code(&h.gql(&other, one, json!({"id": id})).await), "NOT_FOUND");
    let body = h
        .gql(&other, update, json!({"id": id, "i": program("Mine", 0.9)}))
        .await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
    let delete = "mutation($id: ID!) { deleteLoanProgram(id: $id) { deletedId } }";
    assert_eq!(code(&h.gql(&other, delete, json!({"id": id})).await), "NOT_FOUND");
    h.data(&op, delete, json!({"id": id})).await;
    assert_eq!(h.data(&analyst, list, json!({})).await["loanPrograms"], json!([]));
}
on_both_backends!(loan_programs_are_operator_written_validated_and_tenant_scoped);

async fn size_loan_and_max_bid_on_a_stored_property(h: Harness) {
    h.tenant("alpha").await;
    h.tenant("bravo").await;
    let op = h.caller("alpha", Role::Operator);
    let analyst = h.caller("alpha", Role::Analyst);
    let p = office(&h, &op).await;
    let stored =
        h.data(&op, CREATE, json!({"i": program("First Bank", 0.65)})).await["createLoanProgram"]["loanProgram"]["id"]
            .clone();

    let d = h
        .data(
            &analyst,
            SIZE,
            json!({"i": {"propertyId": p, "price": 5_000_000.0, "programId": stored}}),
        )
        .await;
    let s = &d["sizeLoan"]["sizing"];
    let limits: Vec<f64> = ["ltvLimit", "dscrLimit", "debtYieldLimit"]
        .iter()
        .map(|k| s[*k].as_f64().unwrap())
        .collect();
    let smallest = limits.iter().copied().fold(f64::INFINITY, f64::min);
    assert!((s["amount"].as_f64().unwrap() - smallest).abs() < 1e-6, "{s}");
    assert!((d["sizeLoan"]["dcf"]["loanAmount"].as_f64().unwrap() - smallest).abs() < 1e-6);
    assert!((s["ltvLimit"].as_f64().unwrap() - 0.65 * 5_000_000.0).abs() < 1e-6);
    let noi = s["noiYear1"].as_f64().unwrap();
    assert!((s["debtYieldLimit"].as_f64().unwrap() - noi / 0.09).abs() < 1e-6);

    let targets = json!({"leveredIrr": 0.15});
    let d = h
        .data(
            &analyst,
            BID,
            json!({"i": {"propertyId": p, "programId": stored, "targets": targets}}),
        )
        .await;
    let b = &d["maxBid"];
    assert_eq!(b["bindingTarget"], "LEVERED_IRR");
    assert!((b["leveredIrr"].as_f64().unwrap() - 0.15).abs() < 1e-6, "{b}");
    let price = b["maxPrice"].as_f64().unwrap();
    // The same price through sizeLoan gives the same loan and levered IRR.
    let again = h
        .data(
            &analyst,
            SIZE,
            json!({"i": {"propertyId": p, "price": price, "programId": stored}}),
        )
        .await;
    assert!((again["sizeLoan"]["sizing"]["amount"].as_f64().unwrap() - b["loanAmount"].as_f64().unwrap()).abs() < 1e-6);
    assert!((again["sizeLoan"]["dcf"]["leveredIrr"].as_f64().unwrap() - 0.15).abs() < 1e-6);

    let body = h
        .gql(
            &analyst,
            BID,
            json!({"i": {"propertyId": p, "targets": {"unleveredIrr": 5.0}}}),
        )
        .await;
    assert_eq!(code(&body), "MAX_BID_INFEASIBLE", "{body}");
    let body = h
        .gql(
            &analyst,
            BID,
            json!({"i": {"propertyId": p, "targets": {"unleveredIrr": -0.5}}}),
        )
        .await;
    assert_eq!(code(&body), "MAX_BID_UNBOUNDED", "{body}");
    let body = h
        .gql(&analyst, BID, json!({"i": {"propertyId": p, "targets": {}}}))
        .await;
    assert_eq!(field(&body), "input.targets", "{body}");
    let body = h.gql(&analyst, BID, json!({"i": {"targets": targets}})).await;
    assert_eq!(field(&body), "input", "{body}");
    let body = h
        .gql(
            &analyst,
            BID,
            json!({"i": {"propertyId": p, "targets": targets, "program": {"rate": 0.06, "maxLtv": 2.0}}}),
        )
        .await;
    assert_eq!(field(&body), "input.program.maxLtv", "{body}");

    let viewer = h.caller("alpha", Role::Viewer);
    assert_eq!(
        code(
            &h.gql(&viewer, BID, json!({"i": {"propertyId": p, "targets": targets}}))
                .await
        ),
        "FORBIDDEN"
    );
    let other = h.caller("bravo", Role::Admin);
    let body = h
        .gql(&other, BID, json!({"i": {"propertyId": p, "targets": targets}}))
        .await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
    let body = h
        .gql(
            &other,
            SIZE,
            json!({"i": {"propertyId": p, "price": 1.0e6, "programId": stored}}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
}
on_both_backends!(size_loan_and_max_bid_on_a_stored_property);

async fn inline_max_bid_reproduces_the_walkthrough_golden_case(h: Harness) {
    h.tenant("alpha").await;
    let analyst = h.caller("alpha", Role::Analyst);
    let mut p = program("Walkthrough Bank", 0.65);
    p.as_object_mut().unwrap().remove("name");
    let i = json!({"dcfInput": graphql_input(WALK_INPUT), "program": p, "targets": {"leveredIrr": 0.15}});
    let b = h.data(&analyst, BID, json!({"i": i})).await["maxBid"].clone();
    let expected: Value = serde_json::from_str(WALK_EXPECTED).unwrap();
    for (ours, theirs) in [
        ("maxPrice", "max_price"),
        ("loanAmount", "loan_amount"),
        ("equity", "equity"),
        ("goingInCapRate", "going_in_cap_rate"),
    ] {
        let (a, e) = (b[ours].as_f64().unwrap(), expected[theirs].as_f64().unwrap());
        assert!((a / e - 1.0).abs() < 1e-6, "{ours}: {a} vs {e}");
    }
    assert_eq!(b["loanBinding"], "LTV");
    let bad = json!({"dcfInput": graphql_input(WALK_INPUT), "targets": {"leveredIrr": 0.15},
                     "assumptions": {"exitCapRate": 0.07}});
    assert_eq!(
        field(&h.gql(&analyst, BID, json!({"i": bad})).await),
        "input.assumptions"
    );
}
on_both_backends!(inline_max_bid_reproduces_the_walkthrough_golden_case);

async fn lender_fit_ranks_programs_and_names_each_failed_test(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let analyst = h.caller("alpha", Role::Analyst);
    let p = office(&h, &op).await;
    h.data(&op, CREATE, json!({"i": program("Bank A", 0.55)})).await;
    h.data(&op, CREATE, json!({"i": program("Bank B", 0.75)})).await;
    let q = "query($i: LenderFitInput!) { lenderFit(input: $i) { price requestedLoan programs { program { lender } sizing { amount binding } failures fits equity } } }";
    // The stored loan (60% LTV of the 5,000,000 purchase price) is the requested loan.
    let d = h.data(&analyst, q, json!({"i": {"propertyId": p}})).await;
    let fit = &d["lenderFit"];
    assert_eq!(fit["price"], 5_000_000.0);
    assert!((fit["requestedLoan"].as_f64().unwrap() - 3_000_000.0).abs() < 1e-6);
    let programs = fit["programs"].as_array().unwrap();
    assert_eq!(programs.len(), 2);
    let amounts: Vec<f64> = programs
        .iter()
        .map(|g| g["sizing"]["amount"].as_f64().unwrap())
        .collect();
    assert!(amounts[0] >= amounts[1], "most proceeds first: {amounts:?}");
    let a = programs.iter().find(|g| g["program"]["lender"] == "Bank A").unwrap();
    let failures: Vec<&str> = a["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        failures.contains(&"LTV 60.0% > 55.0% at the requested loan"),
        "{failures:?}"
    );
    assert_eq!(a["fits"], false);

    let d = h
        .data(
            &analyst,
            q,
            json!({"i": {"propertyId": p, "price": 6_000_000.0, "loanAmount": 1_000_000.0}}),
        )
        .await;
    assert!(
        d["lenderFit"]["programs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["fits"] == true),
        "{d}"
    );
    let body = h
        .gql(&analyst, q, json!({"i": {"propertyId": p, "loanAmount": -1.0}}))
        .await;
    assert_eq!(field(&body), "input.loanAmount", "{body}");
}
on_both_backends!(lender_fit_ranks_programs_and_names_each_failed_test);
