//! Hostile inputs (issue #12, items 6 and 8): crafted `after` cursors, oversized strings and
//! control characters are BAD_USER_INPUT naming the field, on SQLite and PostgreSQL, and write
//! nothing.
use crate::on_both_backends;
use crate::resolvers::harness::{Harness, code};
use crate::support::snapshot::{assert_unchanged, snapshot};
use async_graphql::connection::{CursorType, OpaqueCursor};
use reos::auth::Role;
use serde_json::{Value, json};

/// The first error's `extensions.field`.
fn field(body: &Value) -> &str {
    body["errors"][0]["extensions"]["field"].as_str().unwrap_or("<none>")
}

fn assert_bad_input(body: &Value, expected_field: &str) {
    assert_eq!(code(body), "BAD_USER_INPUT", "{body}");
    assert_eq!(field(body), expected_field, "{body}");
    assert!(body["data"].is_null(), "nothing ran: {body}");
}

/// Every paged list, with its cursor argument.
const CONNECTIONS: &[&str] = &[
    "query($a: String) { properties(first: 5, after: $a) { totalCount edges { node { id } } } }",
    "query($a: String) { owners(first: 5, after: $a) { totalCount edges { node { id } } } }",
    "query($a: String) { sales(first: 5, after: $a) { totalCount edges { node { saleId } } } }",
    "query($a: String) { pipelineRuns(first: 5, after: $a) { totalCount edges { node { id } } } }",
    "query($a: String) { users(first: 5, after: $a) { totalCount edges { node { id } } } }",
    "query($a: String) { documents(first: 5, after: $a) { totalCount edges { node { id } } } }",
];

async fn crafted_cursors_are_bad_user_input(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Admin);
    h.create_property(&h.caller("alpha", Role::Operator), "Ames").await;
    let b64 = |s: &str| {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    };
    let crafted = [
        OpaqueCursor(i64::MAX as u64).encode_cursor(),
        OpaqueCursor(u64::MAX).encode_cursor(),
        b64("9223372036854775807"),
        b64("18446744073709551615"),
        b64("18446744073709551616"),
        b64("-1"),
        b64("1.5"),
        b64("\"7\""),
        b64("1e3"),
        "not a cursor!".to_owned(),
        String::new(),
        "x".repeat(10_000),
    ];
    for q in CONNECTIONS {
        for c in &crafted {
            let body = h.gql(&t, q, json!({"a": c})).await;
            assert_eq!(code(&body), "BAD_USER_INPUT", "{q} after={c}: {body}");
            assert_eq!(field(&body), "after", "{q} after={c}: {body}");
        }
        // The largest offset still accepted gives an empty page, not an error.
        let last = OpaqueCursor(i64::MAX as u64 - 1).encode_cursor();
        let d = h.data(&t, q, json!({"a": last})).await;
        let list = d.as_object().unwrap().values().next().unwrap();
        assert_eq!(list["edges"].as_array().unwrap().len(), 0, "{q}: {d}");
        // An ordinary cursor still pages.
        let d = h.data(&t, q, json!({"a": OpaqueCursor(0u64).encode_cursor()})).await;
        assert!(d.as_object().unwrap().values().next().unwrap()["edges"].is_array());
    }
    let d = h
        .data(&t, "{ properties(first: 1) { pageInfo { endCursor } } }", json!({}))
        .await;
    let end = d["properties"]["pageInfo"]["endCursor"].as_str().unwrap().to_owned();
    let d = h.data(&t, CONNECTIONS[0], json!({"a": end})).await;
    assert_eq!(d["properties"]["edges"].as_array().unwrap().len(), 0);
}
on_both_backends!(crafted_cursors_are_bad_user_input);

const CREATE_OWNER: &str = "mutation($i: CreateOwnerInput!) { createOwner(input: $i) { owner { id name } } }";

async fn oversized_and_control_character_strings_are_refused(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let admin = h.caller("alpha", Role::Admin);
    let house = h.create_property(&op, "Ames").await;
    // Authentication records a caller on first sight; both callers are known before the snapshot.
    h.data(&admin, "{ me { id } }", json!({})).await;
    let before = snapshot(&h.db().owner).await;

    // A 7 MiB owner name (PostgreSQL: "index row size exceeds maximum").
    let huge = "A".repeat(7 * 1024 * 1024);
    let body = h
        .gql(&op, CREATE_OWNER, json!({"i": {"name": huge, "ownerType": "LLC"}}))
        .await;
    assert_bad_input(&body, "input.name");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("input.name: at most"),
        "{body}"
    );
    // NUL in a name, in a variable and in a literal (PostgreSQL refuses NUL in text).
    let body = h
        .gql(
            &op,
            CREATE_OWNER,
            json!({"i": {"name": "Acme\u{0}LLC", "ownerType": "LLC"}}),
        )
        .await;
    assert_bad_input(&body, "input.name");
    let literal = "mutation { createOwner(input: {name: \"Acme\\u0000LLC\", ownerType: LLC}) { owner { id } } }";
    let body = h.gql(&op, literal, json!({})).await;
    assert_bad_input(&body, "input.name");
    // NUL in filters and arguments.
    for (q, vars, f) in [
        (
            "query($c: String) { properties(filter: {city: $c}) { totalCount } }",
            json!({"c": "Ames\u{0}"}),
            "filter.city",
        ),
        (
            "{ properties(filter: {state: \"I\\u0000A\"}) { totalCount } }",
            json!({}),
            "filter.state",
        ),
        (
            "query($n: String) { owners(name: $n) { totalCount } }",
            json!({"n": "\u{0}"}),
            "name",
        ),
        (
            "query($f: SaleFilter) { sales(filter: $f) { totalCount } }",
            json!({"f": {"neighborhood": "x\u{0}"}}),
            "filter.neighborhood",
        ),
        (
            "query($id: ID!) { property(id: $id) { id } }",
            json!({"id": "\u{0}"}),
            "id",
        ),
        (
            "query($id: ID!) { property(id: $id) { id } }",
            json!({"id": "9".repeat(7 * 1024 * 1024)}),
            "id",
        ),
        (
            "query($p: ID!) { property(id: $p) { field(name: \"bed\\u0000rooms\") { value } } }",
            json!({"p": house}),
            "name",
        ),
    ] {
        let body = h.gql(&admin, q, vars).await;
        assert_bad_input(&body, f);
    }
    // Other control characters; strings nested in lists are named with their index.
    let body = h
        .gql(
            &op,
            CREATE_OWNER,
            json!({"i": {"name": "Bell\u{7}", "ownerType": "LLC"}}),
        )
        .await;
    assert_bad_input(&body, "input.name");
    let dcf = "query($i: DcfInput!) { dcf(input: $i) { dcfValue } }";
    let mut input =
        crate::support::dcf_graphql::graphql_input(include_str!("../../golden/dcf/denver-office/input.json"));
    input["leases"][1]["tenant"] = json!("Law\u{0}LLP");
    let body = h.gql(&admin, dcf, json!({"i": input})).await;
    assert_bad_input(&body, "input.leases[1].tenant");
    // Import text: no length cap below the body limit, but still no NUL.
    let body = h
        .gql(
            &op,
            "mutation($c: String!) { importSales(input: {csv: $c}) { rows } }",
            json!({"c": "sale_id,sale_date\nA\u{0},2006-01-01\n"}),
        )
        .await;
    assert_bad_input(&body, "input.csv");
    let body = h
        .gql(
            &op,
            "mutation($c: String!, $l: String) { importProperties(input: {csv: $c, leasesCsv: $l, source: \"mls\"}) { run { id } } }",
            json!({"c": reos::pipeline::synthetic::generate_csv(2), "l": "property_external_id\nB-0\u{0}\n"}),
        )
        .await;
    assert_bad_input(&body, "input.leasesCsv");
    assert_unchanged(&before, &snapshot(&h.db().owner).await, "refused inputs");

    // The limit counts characters, not bytes; tab, newline and carriage return are text.
    let at_limit = "é".repeat(300);
    let d = h
        .data(&op, CREATE_OWNER, json!({"i": {"name": at_limit, "ownerType": "LLC"}}))
        .await;
    assert_eq!(d["createOwner"]["owner"]["name"], at_limit.as_str());
    let body = h
        .gql(
            &op,
            CREATE_OWNER,
            json!({"i": {"name": "é".repeat(301), "ownerType": "LLC"}}),
        )
        .await;
    assert_bad_input(&body, "input.name");
    let d = h
        .data(
            &op,
            CREATE_OWNER,
            json!({"i": {"name": "Acme", "mailingAddress": "1 Main St\r\nAmes,\tIA", "ownerType": "LLC"}}),
        )
        .await;
    assert!(d["createOwner"]["owner"]["id"].is_string());
}
on_both_backends!(oversized_and_control_character_strings_are_refused);
