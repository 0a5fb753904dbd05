//! Comp-Critic through the schema: sales import (GraphQL and service), the all-or-nothing gate,
//! idempotent re-import, `valueSubject`, `valuation`, `runValuation`, roles and tenant isolation.
use crate::on_both_backends;
use crate::resolvers::harness::{Caller, Harness, code};
use reos::auth::Role;
use reos::persistence::TenantTx;
use reos::services::sales_import::{ImportError, import_csv};
use serde_json::{Value, json};

/// The header and the first `n` rows of the Ames sales shipped in `data/`. Always `Some`: the file
/// is part of the repository, so a missing file fails the test instead of skipping it.
fn ames_head(n: usize) -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ames-sales.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the repository ships this file)", path.display()));
    Some(text.lines().take(n + 1).collect::<Vec<_>>().join("\n") + "\n")
}

const IMPORT: &str = "mutation($csv: String!) { importSales(input: {csv: $csv}) { rows inserted updated unchanged } }";
const COUNT: &str = "{ sales(first: 1) { totalCount } }";
const VALUE: &str = "query($s: SubjectInput!, $d: NaiveDate) { valueSubject(input: $s, asOf: $d) {
    estimate low80 high80 confidence asOf modelVersion contributions { attribute effectUsd }
    comps { saleId saleDate price distanceKm daysBefore similarity weight adjustedPrice
            adjustments { attribute subjectValue compValue effectUsd } } } }";

fn subject() -> Value {
    json!({"latitude": 42.0495, "longitude": -93.6303, "propertyType": "SINGLE_FAMILY",
           "neighborhood": "Northwest_Ames", "livingAreaSf": 1500.0, "yearBuilt": 1975,
           "lotAreaSf": 10000.0, "bedrooms": 3, "fullBaths": 2, "garageCars": 2, "conditionScore": 6})
}

/// Imports `csv` for `slug` (created here) and returns an admin caller.
async fn tenant_with_sales(h: &Harness, slug: &str, csv: &str) -> Caller {
    h.tenant(slug).await;
    let t = h.caller(slug, Role::Admin);
    h.data(&t, IMPORT, json!({"csv": csv})).await;
    t
}

async fn graphql_import_is_idempotent(h: Harness) {
    let Some(csv) = ames_head(300) else { return };
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Operator);
    let d = h.data(&t, IMPORT, json!({"csv": csv})).await;
    assert_eq!(
        d["importSales"],
        json!({"rows": 300, "inserted": 300, "updated": 0, "unchanged": 0})
    );
    let d = h.data(&t, IMPORT, json!({"csv": csv})).await;
    assert_eq!(
        d["importSales"],
        json!({"rows": 300, "inserted": 0, "updated": 0, "unchanged": 300})
    );
    // One changed price is one update; the rest stay untouched.
    let changed = csv.replacen(",250000,normal,", ",251000,normal,", 1);
    let d = h.data(&t, IMPORT, json!({"csv": changed})).await;
    assert_eq!(d["importSales"]["updated"], 1);
    assert_eq!(d["importSales"]["unchanged"], 299);
    let analyst = h.caller("alpha", Role::Analyst);
    let d = h
        .data(&analyst, "{ sales(first: 2, filter: {saleCondition: \"normal\"}) { totalCount edges { node { saleId salePrice city attributes } } } }", json!({}))
        .await;
    assert!(d["sales"]["totalCount"].as_u64().unwrap() > 200);
    assert_eq!(d["sales"]["edges"][0]["node"]["city"], "Ames");
}
on_both_backends!(graphql_import_is_idempotent);

async fn one_bad_row_writes_nothing_and_is_named(h: Harness) {
    let Some(csv) = ames_head(300) else { return };
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Operator);
    let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
    // Data row 12 is line 13 of the file (the header is line 1); its price is column 3.
    let mut cells: Vec<&str> = lines[12].split(',').collect();
    cells[2] = "0";
    lines[12] = cells.join(",");
    let bad = lines.join("\n") + "\n";
    let body = h.gql(&t, IMPORT, json!({"csv": bad})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    let ext = &body["errors"][0]["extensions"];
    assert_eq!(ext["field"], "input.csv[row 12].sale_price");
    assert_eq!(ext["report"]["violations"].as_array().unwrap().len(), 1);
    assert_eq!(ext["report"]["violations"][0]["value"], "0");
    let d = h.data(&t, COUNT, json!({})).await;
    assert_eq!(d["sales"]["totalCount"], 0);
}
on_both_backends!(one_bad_row_writes_nothing_and_is_named);

async fn the_service_imports_in_the_callers_transaction(h: Harness) {
    let Some(csv) = ames_head(300) else { return };
    let id = h.tenant("alpha").await;
    let today = chrono::Utc::now().date_naive();
    let tx = TenantTx::begin(&h.db().service, h.tenant_id(id).await).await.unwrap();
    let bad = csv.replacen("2006-01-01", "2006-13-01", 1);
    assert!(matches!(
        import_csv(&tx, bad.as_bytes(), today, &|_, _| {}).await,
        Err(ImportError::Rejected(r)) if r.violations[0].field == "sale_date" && r.violations[0].row == Some(1)
    ));
    let seen = std::sync::Mutex::new(Vec::new());
    let summary = import_csv(&tx, csv.as_bytes(), today, &|d, t| seen.lock().unwrap().push((d, t)))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((summary.rows, summary.inserted), (300, 300));
    assert!(seen.into_inner().unwrap().last() == Some(&(300, 300)));
    let t = h.caller("alpha", Role::Analyst);
    let d = h.data(&t, COUNT, json!({})).await;
    assert_eq!(d["sales"]["totalCount"], 300);
}
on_both_backends!(the_service_imports_in_the_callers_transaction);

fn check_valuation(v: &Value, as_of: &str) {
    let est = v["estimate"].as_f64().unwrap();
    assert!(
        v["low80"].as_f64().unwrap() <= est && est <= v["high80"].as_f64().unwrap(),
        "{v}"
    );
    assert!((50_000.0..500_000.0).contains(&est), "{v}");
    let comps = v["comps"].as_array().unwrap();
    assert!(!comps.is_empty());
    for c in comps {
        assert!(c["saleDate"].as_str().unwrap() < as_of, "comp {c} not before {as_of}");
    }
    let weights: f64 = comps.iter().map(|c| c["weight"].as_f64().unwrap()).sum();
    assert!((weights - 1.0).abs() < 1e-6);
}

async fn value_subject_uses_only_earlier_comps(h: Harness) {
    let Some(csv) = ames_head(300) else { return };
    tenant_with_sales(&h, "alpha", &csv).await;
    let t = h.caller("alpha", Role::Analyst);
    // After the newest sale (cached model) and mid-file (fresh fit on earlier sales only).
    for as_of in ["2006-07-15", "2006-05-15"] {
        let d = h.data(&t, VALUE, json!({"s": subject(), "d": as_of})).await;
        check_valuation(&d["valueSubject"], as_of);
        assert_eq!(d["valueSubject"]["asOf"], as_of);
    }
    let mut bad = subject();
    bad["livingAreaSf"] = json!(0.0);
    let body = h.gql(&t, VALUE, json!({"s": bad, "d": "2006-07-15"})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.livingAreaSf");
    let viewer = h.caller("alpha", Role::Viewer);
    let body = h.gql(&viewer, VALUE, json!({"s": subject()})).await;
    assert_eq!(code(&body), "FORBIDDEN");
    let analyst = h.caller("alpha", Role::Analyst);
    let body = h.gql(&analyst, IMPORT, json!({"csv": csv})).await;
    assert_eq!(code(&body), "FORBIDDEN");
}
on_both_backends!(value_subject_uses_only_earlier_comps);

const CREATE: &str = "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }";

async fn full_property(h: &Harness, token: &Caller) -> String {
    let i = json!({"address": {"line1": "2 Oak St", "city": "Ames", "state": "IA"}, "propertyType": "SINGLE_FAMILY",
        "latitude": 42.0495, "longitude": -93.6303, "neighborhood": "Northwest_Ames", "livingAreaSf": 1500.0,
        "yearBuilt": 1975, "lotAreaSf": 10000.0, "bedrooms": 3, "fullBaths": 2, "garageCars": 2});
    let d = h.data(token, CREATE, json!({"i": i})).await;
    d["createProperty"]["property"]["id"].as_str().unwrap().to_owned()
}

async fn properties_are_valued_and_runs_are_saved(h: Harness) {
    let Some(csv) = ames_head(300) else { return };
    let admin = tenant_with_sales(&h, "alpha", &csv).await;
    let id = full_property(&h, &admin).await;
    let t = h.caller("alpha", Role::Analyst);
    let q = "query($id: ID!) { valuation(propertyId: $id, asOf: \"2006-07-15\") { estimate low80 high80 comps { saleDate weight } } }";
    let d = h.data(&t, q, json!({"id": id})).await;
    check_valuation(&d["valuation"], "2006-07-15");
    let run = "mutation($id: ID!) { runValuation(input: {propertyId: $id, asOf: \"2006-07-15\"}) {
        valuation { id model modelVersion inputsHash value createdBy } result { estimate } } }";
    let d = h.data(&t, run, json!({"id": id})).await;
    let saved = &d["runValuation"]["valuation"];
    assert_eq!(saved["model"], "comp-critic");
    assert_eq!(saved["value"], d["runValuation"]["result"]["estimate"]);
    let hash = saved["inputsHash"].as_str().unwrap();
    assert!(hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()));
    let again = h.data(&t, run, json!({"id": id})).await;
    assert_eq!(again["runValuation"]["valuation"]["inputsHash"], hash);
    let d = h
        .data(
            &t,
            "query($id: ID!) { property(id: $id) { latestValuation { id model value } } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        d["property"]["latestValuation"]["id"],
        again["runValuation"]["valuation"]["id"]
    );
    // A property without a year built cannot be valued, and the error says which field.
    let bare = h.create_property(&admin, "Ames").await;
    let body = h.gql(&t, q, json!({"id": bare})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "property.yearBuilt");
}
on_both_backends!(properties_are_valued_and_runs_are_saved);

async fn tenants_never_share_properties_or_sales(h: Harness) {
    let Some(csv) = ames_head(300) else { return };
    let admin_a = tenant_with_sales(&h, "alpha", &csv).await;
    let id = full_property(&h, &admin_a).await;
    h.tenant("beta").await;
    let b = h.caller("beta", Role::Analyst);
    let q = "query($id: ID!) { valuation(propertyId: $id) { estimate } }";
    let body = h.gql(&b, q, json!({"id": id})).await;
    assert_eq!(code(&body), "NOT_FOUND");
    let body = h.gql(&b, VALUE, json!({"s": subject(), "d": "2006-07-15"})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    let msg = body["errors"][0]["message"].as_str().unwrap();
    assert!(msg.contains("no usable sales"), "{msg}");
    let d = h.data(&b, COUNT, json!({})).await;
    assert_eq!(d["sales"]["totalCount"], 0);
}
on_both_backends!(tenants_never_share_properties_or_sales);

async fn new_sales_refresh_the_cached_model(h: Harness) {
    let (Some(may), Some(june)) = (ames_head(200), ames_head(300)) else {
        return;
    };
    // The first 200 rows end in May 2006; the next 100 add June sales.
    tenant_with_sales(&h, "alpha", &may).await;
    let t = h.caller("alpha", Role::Admin);
    let newest = |v: &Value| {
        v["valueSubject"]["comps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["saleDate"].as_str().unwrap().to_owned())
            .max()
            .unwrap()
    };
    let before = h.data(&t, VALUE, json!({"s": subject(), "d": "2006-07-15"})).await;
    assert!(newest(&before).as_str() < "2006-06-01");
    h.data(&t, IMPORT, json!({"csv": june})).await;
    let after = h.data(&t, VALUE, json!({"s": subject(), "d": "2006-07-15"})).await;
    assert!(newest(&after).as_str() >= "2006-06-01", "{after}");
}
on_both_backends!(new_sales_refresh_the_cached_model);
