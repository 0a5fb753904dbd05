//! `portfolioSummary` over GraphQL against numbers worked by hand from what the test stored: one
//! office with a lease, a vacant suite, a loan and a saved DCF, and a second office valued at its
//! list price; filters, `asOf`, tenant isolation and a statement count independent of size.
use crate::on_both_backends;
use crate::resolvers::dcf::office_leased;
use crate::resolvers::harness::Harness;
use reos::auth::Role;
use serde_json::{Value, json};

const SUMMARY: &str = "query($f: PortfolioFilterInput, $d: NaiveDate) { portfolioSummary(filter: $f, asOf: $d) {
    asOf count valuedCount totalValue valueByModel { model count total } noiYear1 noiCount goingInCapRate
    leasesInPlace leasedAreaSf totalAreaSf physicalOccupancy inPlaceRentAnnual economicOccupancy
    waleByAreaYears waleByRentYears expiryLadder { year count areaSf annualRent shareOfRent }
    topTenants { tenant annualRent share } tenantCount top10Share hhi
    totalDebt loanCount debtServiceYear1 weightedLtv minDscr weightedDscr dscrCount
    byStage { key count } byType { key count totalValue } byMarket { key count totalValue totalDebt } } }";

/// `YYYY-MM` of the month `offset` months from this one.
fn month(offset: i32) -> String {
    let now = chrono::Utc::now().date_naive();
    let index = chrono::Datelike::year(&now) * 12 + chrono::Datelike::month0(&now) as i32 + offset;
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

fn close(path: &str, actual: &Value, expected: f64) {
    let a = actual.as_f64().unwrap_or_else(|| panic!("{path}: {actual}"));
    assert!(
        (a - expected).abs() <= 1e-6 * expected.abs().max(1.0),
        "{path}: {a} vs {expected}"
    );
}

async fn the_summary_matches_a_hand_worked_book(h: Harness) {
    h.tenant("alpha").await;
    h.tenant("bravo").await;
    let op = h.caller("alpha", Role::Operator);
    let analyst = h.caller("alpha", Role::Analyst);
    // The lease began 29 months ago and ends 30 months from now.
    let p = office_leased(&h, &op, (&month(-29), &month(30)), &month(0)).await;
    let saved = h
        .data(
            &analyst,
            "mutation($p: ID!) { savePropertyDcf(propertyId: $p) { result { dcfValue noiYear1 } } }",
            json!({"p": p}),
        )
        .await;
    let value = saved["savePropertyDcf"]["result"]["dcfValue"].as_f64().unwrap();
    let noi = saved["savePropertyDcf"]["result"]["noiYear1"].as_f64().unwrap();
    h.data(
        &op,
        "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
        json!({"i": {"address": {"line1": "9 Main St", "city": "Boise", "state": "ID"}, "propertyType": "OFFICE",
               "buildingAreaSf": 8000.0, "listPrice": 1_200_000.0, "pipelineStage": "SCREENING"}}),
    )
    .await;

    let small = h.db().statements();
    let today = chrono::Utc::now().date_naive().to_string();
    let one = h
        .data(&analyst, SUMMARY, json!({"f": {"city": "Boise"}, "d": today}))
        .await;
    let small = h.db().statements() - small;
    assert_eq!(one["portfolioSummary"]["count"], 1);
    let before = h.db().statements();
    let d = h.data(&analyst, SUMMARY, json!({"d": today})).await;
    assert_eq!(
        h.db().statements() - before,
        small,
        "statements do not grow with the portfolio"
    );
    let s = &d["portfolioSummary"];
    assert_eq!(s["asOf"], today.as_str());
    assert_eq!((s["count"].as_i64(), s["valuedCount"].as_i64()), (Some(2), Some(2)));
    // Carrying values: the saved DCF, and the second office's list price.
    close("totalValue", &s["totalValue"], value + 1_200_000.0);
    let models: Vec<&str> = s["valueByModel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["model"].as_str().unwrap())
        .collect();
    assert_eq!(models, ["dcf", "list-price"]);
    close("noiYear1", &s["noiYear1"], noi);
    close("goingInCapRate", &s["goingInCapRate"], noi / 5_000_000.0);
    // Law LLP: 15,000 sf at $28, 3% a year, started 29 months ago → 2 steps.
    let rent = 15_000.0 * 28.0 * 1.03f64.powi(2);
    assert_eq!(s["leasesInPlace"], 1);
    close("inPlaceRentAnnual", &s["inPlaceRentAnnual"], rent);
    // The office's 20,000 sf (building area ≥ its 20,000 sf of suites); the second has no rows.
    close("leasedAreaSf", &s["leasedAreaSf"], 15_000.0);
    close("totalAreaSf", &s["totalAreaSf"], 20_000.0);
    close("physicalOccupancy", &s["physicalOccupancy"], 0.75);
    // Economic: in-place rent over it plus the vacant 5,000 sf at the profile's $29.
    close(
        "economicOccupancy",
        &s["economicOccupancy"],
        rent / (rent + 5_000.0 * 29.0),
    );
    // From this month to the end month 30 months ahead, inclusive: 31 months.
    close("waleByAreaYears", &s["waleByAreaYears"], 31.0 / 12.0);
    close("waleByRentYears", &s["waleByRentYears"], 31.0 / 12.0);
    assert_eq!(s["expiryLadder"].as_array().unwrap().len(), 1);
    assert_eq!(
        s["expiryLadder"][0]["year"].as_i64().unwrap().to_string(),
        month(30)[..4]
    );
    close("expiry rent", &s["expiryLadder"][0]["annualRent"], rent);
    assert_eq!(s["topTenants"][0]["tenant"], "Law LLP");
    close("hhi", &s["hhi"], 1.0);
    close("top10Share", &s["top10Share"], 1.0);
    // The loan: 60% of the 5,000,000 purchase price, 12 interest-only months at 6%.
    close("totalDebt", &s["totalDebt"], 3_000_000.0);
    close("debtServiceYear1", &s["debtServiceYear1"], 180_000.0);
    close("weightedLtv", &s["weightedLtv"], 3_000_000.0 / value);
    close("minDscr", &s["minDscr"], noi / 180_000.0);
    close("weightedDscr", &s["weightedDscr"], noi / 180_000.0);
    let stages: Vec<(String, i64)> = s["byStage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key"].as_str().unwrap().to_owned(), c["count"].as_i64().unwrap()))
        .collect();
    assert_eq!(stages, [("screening".to_owned(), 1), ("sourced".to_owned(), 1)]);
    assert_eq!(s["byType"][0]["key"], "office");
    assert_eq!(s["byType"][0]["count"], 2);
    let markets = s["byMarket"].as_array().unwrap();
    assert_eq!(markets.len(), 2);
    let denver = markets.iter().find(|m| m["key"] == "Denver, CO").unwrap();
    close("Denver debt", &denver["totalDebt"], 3_000_000.0);
    close("Denver value", &denver["totalValue"], value);

    // Before the DCF was saved the office is carried at its purchase price (and has no NOI),
    // and before the lease began nothing is in place.
    let early = h
        .data(&analyst, SUMMARY, json!({"d": format!("{}-01", month(-30))}))
        .await;
    let e = &early["portfolioSummary"];
    close("early value", &e["totalValue"], 5_000_000.0 + 1_200_000.0);
    assert_eq!(e["noiCount"], 0);
    assert!(e["goingInCapRate"].is_null() && e["minDscr"].is_null(), "{e}");
    assert_eq!(e["leasesInPlace"], 0, "the lease starts next month");

    let typed = h
        .data(&analyst, SUMMARY, json!({"f": {"propertyType": "RETAIL"}}))
        .await;
    assert_eq!(typed["portfolioSummary"]["count"], 0);
    assert!(typed["portfolioSummary"]["physicalOccupancy"].is_null());
    let bravo = h.caller("bravo", Role::Admin);
    assert_eq!(h.data(&bravo, SUMMARY, json!({})).await["portfolioSummary"]["count"], 0);
    let viewer = h.caller("alpha", Role::Viewer);
    let body = h.gql(&viewer, SUMMARY, json!({})).await;
    assert_eq!(crate::resolvers::harness::code(&body), "FORBIDDEN");
    let body = h.gql(&analyst, SUMMARY, json!({"f": {"ownerId": "nope"}})).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.ownerId", "{body}");
}
on_both_backends!(the_summary_matches_a_hand_worked_book);
