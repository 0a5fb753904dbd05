//! Text inside imported files (`importProperties`, `importSales`) obeys the same length and
//! character rule as GraphQL string inputs (`domain::text`): a 19,000-character id or a NUL in a
//! name is a refusal naming row and column, the file writes nothing, and nothing is an
//! INTERNAL_SERVER_ERROR — on SQLite and on PostgreSQL.
use crate::both_backends;
use crate::support::test_app::{TestApp, code};
use reos::auth::Role;
use serde_json::{Value, json};

const IMPORT_PROPERTIES: &str = "mutation($t: String!, $f: ImportFormat!, $l: String) {
    importProperties(input: {csv: $t, format: $f, source: \"mls\", leasesCsv: $l}) {
    run { outcome gateResults { row field value expectation severity } }
    problems { row field value message severity } } }";
const IMPORT_SALES: &str = "mutation($csv: String!) { importSales(input: {csv: $csv}) { rows inserted } }";
const COUNTS: &str =
    "{ properties(first: 1) { totalCount } owners(first: 1) { totalCount } sales(first: 1) { totalCount } }";

const PROPERTY_HEAD: &str = "external_id,address,city,state,zip,property_type,latitude,longitude,living_area_sf,year_built,owner_name,owner_type\n";

fn property_row(id: &str, house: u32, owner: &str) -> String {
    format!("{id},{house} Oak Avenue,Ames,IA,50010,single_family,42.03,-93.62,1500,1978,{owner},llc\n")
}

/// `n` letters and digits that do not repeat (PostgreSQL compresses a run of one letter into an
/// index row that fits; these do not compress).
fn noise(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(ALPHABET[(x % ALPHABET.len() as u64) as usize])
        })
        .collect()
}

/// Properties, owners and sales the tenant can see.
async fn counts(app: &TestApp, token: &str) -> (u64, u64, u64) {
    let d = app.data(token, COUNTS, json!({})).await;
    let n = |k: &str| d[k]["totalCount"].as_u64().unwrap();
    (n("properties"), n("owners"), n("sales"))
}

/// A tenant with one property (and its owner) already imported; returns an operator token.
async fn tenant_with_one_property(app: &TestApp) -> String {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let csv = format!("{PROPERTY_HEAD}{}", property_row("P-0", 1, "First Holdings LLC"));
    let d = app.data(&op, IMPORT_PROPERTIES, json!({"t": csv, "f": "CSV"})).await;
    assert_eq!(d["importProperties"]["run"]["outcome"], "succeeded", "{d}");
    assert_eq!(counts(app, &op).await, (1, 1, 0));
    op
}

/// The payload of a blocked import whose blocking problem is (`row`, `field`, `message`); the
/// recorded gate results carry it too, with a value cut to a displayable size.
fn assert_blocked(body: &Value, row: u64, field: &str, message: &str) {
    assert_ne!(code(body), "INTERNAL_SERVER_ERROR", "{body}");
    assert!(
        body.get("errors").is_none(),
        "a blocked run is a payload, not an error: {body}"
    );
    let p = &body["data"]["importProperties"];
    assert_eq!(p["run"]["outcome"], "blocked", "{body}");
    let problem = p["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["severity"] == "blocking" && x["field"] == field)
        .unwrap_or_else(|| panic!("no blocking problem for {field}: {body}"));
    assert_eq!(problem["row"], row, "{body}");
    assert_eq!(problem["message"], message, "{body}");
    let shown = problem["value"].as_str().unwrap();
    assert!(shown.chars().count() < 400 && !shown.contains('\0'), "{shown:?}");
    let recorded = p["run"]["gateResults"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["row"] == row && g["field"] == field && g["expectation"] == message);
    assert!(recorded, "the run row records the failure: {body}");
}

async fn a_long_external_id_blocks_the_property_import(app: TestApp) {
    let op = tenant_with_one_property(&app).await;
    let long = noise(19_000);
    let csv = format!(
        "{PROPERTY_HEAD}{}{}",
        property_row("P-1", 2, "Second Holdings LLC"),
        property_row(&long, 3, "Third Holdings LLC")
    );
    let (status, body) = app
        .gql(Some(&op), IMPORT_PROPERTIES, json!({"t": csv, "f": "CSV"}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_blocked(&body, 2, "external_id", "at most 300 characters");
    assert_eq!(counts(&app, &op).await, (1, 1, 0), "nothing of the file was written");
}
both_backends!(a_long_external_id_blocks_the_property_import);

async fn control_characters_in_an_owner_name_block_the_property_import(app: TestApp) {
    let op = tenant_with_one_property(&app).await;
    // JSON Lines carries the NUL as the escape `\u0000`: the request text holds no NUL, the parsed
    // owner name does.
    let jsonl = [
        r#"{"external_id":"P-1","address":"2 Oak Avenue","city":"Ames","state":"IA","zip":"50010","property_type":"single_family","owner_name":"Fine Holdings LLC","owner_type":"llc"}"#,
        r#"{"external_id":"P-2","address":"3 Oak Avenue","city":"Ames","state":"IA","zip":"50010","property_type":"single_family","owner_name":"Acme\u0000Holdings","owner_type":"llc"}"#,
    ]
    .join("\n");
    let (_, body) = app
        .gql(Some(&op), IMPORT_PROPERTIES, json!({"t": jsonl, "f": "JSONL"}))
        .await;
    assert_blocked(&body, 2, "owner_name", "contains a NUL character");
    // A CSV may carry other control characters (the request's text check refuses only NUL).
    let csv = format!(
        "{PROPERTY_HEAD}{}{}",
        property_row("P-1", 2, "Fine Holdings LLC"),
        property_row("P-2", 3, "Acme\u{1b}[2JHoldings")
    );
    let (_, body) = app
        .gql(Some(&op), IMPORT_PROPERTIES, json!({"t": csv, "f": "CSV"}))
        .await;
    assert_blocked(&body, 2, "owner_name", "contains a control character (U+001B)");
    // An inline CSV holding a NUL byte is refused as a whole by the request's text check.
    let csv = format!("{PROPERTY_HEAD}{}", property_row("P-2", 3, "Acme\u{0}Holdings"));
    let (_, body) = app
        .gql(Some(&op), IMPORT_PROPERTIES, json!({"t": csv, "f": "CSV"}))
        .await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.csv", "{body}");
    assert_eq!(counts(&app, &op).await, (1, 1, 0), "nothing of the files was written");
}
both_backends!(control_characters_in_an_owner_name_block_the_property_import);

/// An uploaded file is not a GraphQL string, so its NUL bytes reach the pipeline, which refuses them.
async fn a_nul_byte_in_an_uploaded_property_file_blocks_the_import(app: TestApp) {
    let op = tenant_with_one_property(&app).await;
    let csv = format!(
        "{PROPERTY_HEAD}{}{}",
        property_row("P-1", 2, "Fine Holdings LLC"),
        property_row("P-2", 3, "Acme\u{0}Holdings")
    );
    let q = "mutation($f: Upload) { importProperties(input: {file: $f, source: \"mls\"}) {
        run { outcome gateResults { row field value expectation severity } }
        problems { row field value message severity } } }";
    let body = upload(&app, &op, q, "properties.csv", &csv).await;
    assert_blocked(&body, 2, "owner_name", "contains a NUL character");
    assert_eq!(counts(&app, &op).await, (1, 1, 0));
}
both_backends!(a_nul_byte_in_an_uploaded_property_file_blocks_the_import);

async fn a_long_lease_tenant_name_blocks_the_property_import(app: TestApp) {
    let op = tenant_with_one_property(&app).await;
    let csv = format!("{PROPERTY_HEAD}{}", property_row("P-1", 2, "Fine Holdings LLC"));
    let leases = format!(
        "property_external_id,suite,tenant_name,area_sf,start_month,end_month,rent_psf\nP-1,A,{},1000,2025-01,2030-12,20\n",
        noise(19_000)
    );
    let (_, body) = app
        .gql(Some(&op), IMPORT_PROPERTIES, json!({"t": csv, "f": "CSV", "l": leases}))
        .await;
    assert_blocked(&body, 1, "leases.tenant_name", "at most 300 characters");
    assert_eq!(counts(&app, &op).await, (1, 1, 0));
}
both_backends!(a_long_lease_tenant_name_blocks_the_property_import);

const SALES_HEAD: &str = "sale_id,sale_date,sale_price,sale_condition,latitude,longitude,city,state,neighborhood,property_type,living_area_sf,year_built\n";

fn sale_row(id: &str, neighborhood: &str) -> String {
    format!("{id},2008-07-01,180000,normal,42.03,-93.62,Ames,IA,{neighborhood},single_family,1500,1978\n")
}

/// A refused sales file: BAD_USER_INPUT at `input.csv[row N].column`, a short message.
fn assert_sales_refused(body: &Value, place: &str, rule: &str) {
    assert_eq!(code(body), "BAD_USER_INPUT", "{body}");
    let e = &body["errors"][0];
    assert_eq!(e["extensions"]["field"], place, "{body}");
    let message = e["message"].as_str().unwrap();
    assert!(message.contains(rule), "{message}");
    assert!(message.len() < 1000, "the value is shown cut: {message}");
    assert!(!message.contains('\0'));
}

async fn a_long_sale_id_refuses_the_sales_file(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let csv = format!(
        "{SALES_HEAD}{}{}",
        sale_row("A-1", "Gilbert"),
        sale_row(&noise(19_000), "Gilbert")
    );
    let (status, body) = app.gql(Some(&op), IMPORT_SALES, json!({"csv": csv})).await;
    assert_eq!(status, 200, "{body}");
    assert_sales_refused(&body, "input.csv[row 2].sale_id", "at most 300 characters");
    let csv = format!(
        "{SALES_HEAD}{}{}",
        sale_row("A-1", "Gilbert"),
        sale_row("A-2", &noise(19_000))
    );
    let (_, body) = app.gql(Some(&op), IMPORT_SALES, json!({"csv": csv})).await;
    assert_sales_refused(&body, "input.csv[row 2].neighborhood", "at most 300 characters");
    assert_eq!(counts(&app, &op).await, (0, 0, 0), "nothing of the files was written");
}
both_backends!(a_long_sale_id_refuses_the_sales_file);

async fn a_nul_byte_in_an_uploaded_sales_file_refuses_it(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let q = "mutation($f: Upload) { importSales(input: {file: $f}) { rows inserted } }";
    let csv = format!(
        "{SALES_HEAD}{}{}",
        sale_row("A-1", "Gilbert"),
        sale_row("A-2", "Gil\u{0}bert")
    );
    let body = upload(&app, &op, q, "sales.csv", &csv).await;
    assert_sales_refused(&body, "input.csv[row 2].neighborhood", "contains a NUL character");
    // A free-form column is text too.
    let csv = format!(
        "{},school\n{}",
        SALES_HEAD.trim_end(),
        sale_row("A-1", "Gilbert").trim_end()
    );
    let csv = format!("{csv},Mee\u{0}ker\n");
    let body = upload(&app, &op, q, "sales.csv", &csv).await;
    assert_sales_refused(&body, "input.csv[row 1].school", "contains a NUL character");
    assert_eq!(counts(&app, &op).await, (0, 0, 0));
}
both_backends!(a_nul_byte_in_an_uploaded_sales_file_refuses_it);

/// Sends `query` with one uploaded file as `$f` (GraphQL multipart request spec).
async fn upload(app: &TestApp, token: &str, query: &str, name: &str, text: &str) -> Value {
    let boundary = "reos-text-limits-boundary";
    let operations = json!({"query": query, "variables": {"f": null}}).to_string();
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"0\": [\"variables.f\"]}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{text}\r\n\
         --{boundary}--\r\n"
    );
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(token)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}
