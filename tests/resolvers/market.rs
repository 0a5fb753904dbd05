//! Markets over GraphQL (docs/market.md): `importMarketSeries` is operator-written, checked
//! row by row (a bad file writes nothing) and idempotent; `markets`, `Market.series`,
//! `Market.changepoints` and `marketRegime` are analyst+ and tenant-scoped; a regime uses no month
//! after `asOf`; a market is also derived from the tenant's own sales.
use crate::on_both_backends;
use crate::resolvers::harness::{Harness, code};
use reos::auth::Role;
use serde_json::{Value, json};

const IMPORT: &str =
    "mutation($csv: String!) { importMarketSeries(input: {csv: $csv}) { rows markets inserted updated unchanged } }";
const REGIME: &str = "query($m: String!, $at: String) { marketRegime(market: $m, asOf: $at) { market month label mapRunLength runLengthPosterior pChange3m pChange6m pChange12m segmentStart segmentGrowth segmentVolatility predecessorGrowth series { series pNew mapRunLength pChange12m } } }";

/// The rows of `cities` from data/txhousing.csv up to `last` (YYYY-MM), with the header.
fn txhousing(cities: &[&str], last: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/txhousing.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    for l in lines {
        let mut cells = l.split(',');
        let (city, month) = (cells.next().unwrap(), cells.next().unwrap());
        if cities.contains(&city) && month <= last {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"].as_str().unwrap_or("<none>")
}

async fn market_series_import_is_checked_idempotent_and_operator_only(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let analyst = h.caller("alpha", Role::Analyst);
    let csv = txhousing(&["Austin", "Dallas"], "2015-12");
    let body = h.gql(&analyst, IMPORT, json!({"csv": csv})).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");
    let d = h.data(&op, IMPORT, json!({"csv": csv})).await;
    assert_eq!(
        d["importMarketSeries"],
        json!({"rows": 374, "markets": 2, "inserted": 374, "updated": 0, "unchanged": 0})
    );
    let again = h.data(&op, IMPORT, json!({"csv": csv})).await;
    assert_eq!(again["importMarketSeries"]["unchanged"], 374, "{again}");

    // One bad month among good rows: nothing is written, the error names the row and column.
    let bad = format!(
        "{}Nowhere,2001-01,100000,10,1000000,50,4.0\nNowhere,2001-13,100000,10,1000000,50,4.0\n",
        txhousing(&[], "")
    );
    let body = h.gql(&op, IMPORT, json!({"csv": bad})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(field(&body), "input.csv[row 2].month", "{body}");
    let names = h.data(&analyst, "{ markets { name } }", json!({})).await;
    assert_eq!(
        names["markets"],
        json!([{"name": "Austin"}, {"name": "Dallas"}]),
        "Nowhere was not written"
    );

    // A changed value is an update.
    let changed = csv.replacen("Austin,2000-01,", "Austin,2000-01,1", 1);
    let d = h.data(&op, IMPORT, json!({"csv": changed})).await;
    assert_eq!(d["importMarketSeries"]["updated"], 1, "{d}");
}
on_both_backends!(market_series_import_is_checked_idempotent_and_operator_only);

async fn markets_series_changepoints_and_regimes_read_the_tenants_months(h: Harness) {
    h.tenant("alpha").await;
    h.tenant("bravo").await;
    let op = h.caller("alpha", Role::Operator);
    let analyst = h.caller("alpha", Role::Analyst);
    h.data(&op, IMPORT, json!({"csv": txhousing(&["Austin"], "2015-12")}))
        .await;

    let viewer = h.caller("alpha", Role::Viewer);
    assert_eq!(
        code(&h.gql(&viewer, "{ markets { name } }", json!({})).await),
        "FORBIDDEN"
    );

    let q = r#"{ markets { name source firstMonth lastMonth months
                 series(from: "2008-01", to: "2008-03") { month medianPrice sales volume listings inventoryMonths }
                 changepoints(minProbability: 0.5) { series month probability } } }"#;
    let d = h.data(&analyst, q, json!({})).await;
    let austin = &d["markets"][0];
    assert_eq!(austin["name"], "Austin");
    assert_eq!(austin["source"], "IMPORTED");
    assert_eq!(
        (austin["firstMonth"].as_str(), austin["lastMonth"].as_str()),
        (Some("2000-01"), Some("2015-07"))
    );
    assert_eq!(austin["months"], 187);
    assert_eq!(austin["series"].as_array().unwrap().len(), 3);
    assert_eq!(
        austin["series"][0],
        json!({"month": "2008-01", "medianPrice": 185300.0, "sales": 1435.0, "volume": 346359718.0, "listings": 10403.0, "inventoryMonths": 4.5})
    );
    let alarms = austin["changepoints"].as_array().unwrap();
    assert!(
        alarms.iter().all(|a| a["probability"].as_f64().unwrap() >= 0.5),
        "{alarms:?}"
    );
    assert!(
        alarms.iter().any(|a| a["series"] == "SALES_YOY"
            && a["month"].as_str().unwrap() >= "2006-07"
            && a["month"].as_str().unwrap() <= "2009-06"),
        "the 2007 slowdown in sales: {alarms:?}"
    );

    let d = h.data(&analyst, REGIME, json!({"m": "Austin"})).await;
    let r = &d["marketRegime"];
    assert_eq!(r["month"], "2015-07");
    assert_eq!(r["label"], "EXPANSION", "{r}");
    assert!(r["segmentGrowth"].as_f64().unwrap() > 0.02, "{r}");
    let posterior: Vec<f64> = serde_json::from_value(r["runLengthPosterior"].clone()).unwrap();
    assert_eq!(posterior.len(), 188);
    assert!((posterior.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert_eq!(r["series"].as_array().unwrap().len(), 3);

    // No look-ahead: the regime in 2009-01 is the same when the tenant has nothing after it.
    let op_b = h.caller("bravo", Role::Operator);
    h.data(&op_b, IMPORT, json!({"csv": txhousing(&["Austin"], "2009-01")}))
        .await;
    let full = h.data(&analyst, REGIME, json!({"m": "Austin", "at": "2009-01"})).await;
    let cut = h
        .data(
            &h.caller("bravo", Role::Analyst),
            REGIME,
            json!({"m": "Austin", "at": "2009-01"}),
        )
        .await;
    assert_eq!(full, cut);

    for (at, why) in [
        ("2000-06", "no 12-month change yet"),
        ("2030-01", "after the last month"),
        ("2009-1x", "not a month"),
    ] {
        let body = h.gql(&analyst, REGIME, json!({"m": "Austin", "at": at})).await;
        assert_eq!((code(&body), field(&body)), ("BAD_USER_INPUT", "asOf"), "{why}: {body}");
    }
    // Another tenant's market (or none) is not found.
    let body = h
        .gql(&h.caller("bravo", Role::Analyst), REGIME, json!({"m": "Dallas"}))
        .await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
}
on_both_backends!(markets_series_changepoints_and_regimes_read_the_tenants_months);

async fn a_market_is_derived_from_the_tenants_sales(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ames-sales.csv");
    let csv = std::fs::read_to_string(path).unwrap();
    h.data(
        &op,
        "mutation($csv: String!) { importSales(input: {csv: $csv}) { rows } }",
        json!({"csv": csv}),
    )
    .await;
    let analyst = h.caller("alpha", Role::Analyst);
    let d = h
        .data(&analyst, r#"{ market(name: "sales:Ames") { name source firstMonth lastMonth months series(to: "2006-01") { month medianPrice sales } } }"#, json!({}))
        .await;
    let m = &d["market"];
    assert_eq!(m["source"], "DERIVED");
    assert_eq!(
        (m["firstMonth"].as_str(), m["lastMonth"].as_str()),
        (Some("2006-01"), Some("2009-06"))
    );
    assert_eq!(m["months"], 42);
    let jan = &m["series"][0];
    assert!(jan["sales"].as_f64().unwrap() >= 10.0, "{jan}");
    let psf = jan["medianPrice"].as_f64().unwrap();
    assert!((50.0..250.0).contains(&psf), "a median price per square foot: {psf}");
    let r = h.data(&analyst, REGIME, json!({"m": "sales:Ames"})).await;
    assert_eq!(r["marketRegime"]["month"], "2009-06", "{r}");
    let names = h.data(&analyst, "{ markets { name source } }", json!({})).await;
    assert!(
        names["markets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == "sales:Ames/North_Ames" && m["source"] == "DERIVED"),
        "{names}"
    );
}
on_both_backends!(a_market_is_derived_from_the_tenants_sales);
