//! No input reachable over HTTP can panic the server or make it answer 5xx: a seeded generator
//! sends random and mutated GraphQL documents, variables, cursors, headers and multipart bodies
//! through the real app (in-process, on SQLite and, when configured, PostgreSQL), with and
//! without a valid token. Every request must get an answer below 500, no panic may be recorded
//! anywhere in the process, and the server must still answer afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod support;

use base64::Engine;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use reos::auth::Role;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use support::multipart;
use support::test_app::{Backend, TestApp, spawn_with};

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Requests per backend; each is bounded by the client's timeout.
const REQUESTS: usize = 1_200;

const SEEDS: &[&str] = &[
    "{ me { subject role tenant { slug } } }",
    "query($n: Int, $a: String) { properties(first: $n, after: $a, filter: { state: \"IA\" }, orderBy: { field: LIST_PRICE, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { name listPrice owners { sharePct owner { name } } leases { tenantName rentPsf } latestValuation { value } } } } }",
    "query($a: String) { owners(first: 5, after: $a, name: \"a\") { edges { cursor node { id name } } } }",
    "query($id: ID!) { property(id: $id) { id name } }",
    "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id name } } }",
    "mutation($i: CreateOwnerInput!) { createOwner(input: $i) { owner { id name } } }",
    "query($i: SubjectInput!) { valueSubject(input: $i) { value } }",
    "query { __schema { types { name fields { name type { name ofType { name } } } } } }",
    "query A { me { role } } mutation B { createOwner(input: {name: \"x\"}) { owner { id } } }",
    "fragment F on Me { subject ...G } fragment G on Me { role ...F } query { me { ...F } }",
    "subscription { valuationCompleted { propertyId } }",
];

const JUNK: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "...",
    "@include(if: $x)",
    "$",
    "\"",
    "\"\"\"",
    "\\u0000",
    "\u{0}",
    "#",
    ":",
    "!",
    "=",
    "__typename",
    "__schema",
    "on",
    "fragment",
    "query",
    "mutation",
    "null",
    "-9223372036854775808",
    "1e400",
    "\u{feff}",
    "é",
    "\u{10ffff}",
    "   ",
];

fn random_json(rng: &mut ChaCha8Rng, depth: usize) -> Value {
    match rng.random_range(0..if depth > 3 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => json!(rng.random_bool(0.5)),
        2 => json!(rng.random_range(i64::MIN..i64::MAX)),
        3 => json!(rng.random::<f64>() * 10f64.powi(rng.random_range(-10..300))),
        4 => json!(
            [
                "",
                "\u{0}",
                "x".repeat(rng.random_range(0..5000)).as_str(),
                "IA",
                "2024-13-45",
                "NaN"
            ][rng.random_range(0..6)]
        ),
        5 => json!(cursor(rng)),
        6 => Value::Array(
            (0..rng.random_range(0..5))
                .map(|_| random_json(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let keys = [
                "name",
                "first",
                "after",
                "id",
                "input",
                "n",
                "a",
                "i",
                "propertyId",
                "state",
                "listPrice",
                "areaSf",
            ];
            Value::Object(
                (0..rng.random_range(0..6))
                    .map(|_| {
                        (
                            keys[rng.random_range(0..keys.len())].to_owned(),
                            random_json(rng, depth + 1),
                        )
                    })
                    .collect(),
            )
        }
    }
}

/// Base64 of a random number or of random bytes (what a crafted `after` looks like).
fn cursor(rng: &mut ChaCha8Rng) -> String {
    let raw: Vec<u8> = match rng.random_range(0..4) {
        0 => rng.random::<u64>().to_string().into_bytes(),
        1 => ["9223372036854775807", "18446744073709551615", "-1", "0", "1e9"][rng.random_range(0..5)]
            .as_bytes()
            .to_vec(),
        2 => (0..rng.random_range(0..40)).map(|_| rng.random()).collect(),
        _ => return "%%%not-base64".into(),
    };
    base64::engine::general_purpose::STANDARD.encode(raw)
}

fn mutate(rng: &mut ChaCha8Rng, doc: &str) -> String {
    let mut s = doc.to_owned();
    for _ in 0..rng.random_range(1..4) {
        let at = (0..=s.len())
            .filter(|i| s.is_char_boundary(*i))
            .nth(rng.random_range(0..=s.chars().count()))
            .unwrap_or(0);
        match rng.random_range(0..4) {
            0 => s.insert_str(at, JUNK[rng.random_range(0..JUNK.len())]),
            1 => s.truncate(at),
            2 => {
                let piece = s[at..].chars().take(rng.random_range(1..60)).collect::<String>();
                s.insert_str(at, &piece.repeat(rng.random_range(1..20)));
            }
            _ => s = s.replace(' ', JUNK[rng.random_range(0..JUNK.len())]),
        }
    }
    s
}

/// One random request, sent; its status (0 when no answer came at all).
async fn one(app: &TestApp, rng: &mut ChaCha8Rng, token: &str) -> (u16, String) {
    let seed = SEEDS[rng.random_range(0..SEEDS.len())];
    let doc = if rng.random_bool(0.3) {
        seed.to_owned()
    } else {
        mutate(rng, seed)
    };
    let id = ["", "x", "0191d2c4-8f3e-7cc1-9a1e-2b1f4c8d9e0f", "\u{0}"][rng.random_range(0..4)];
    let variables = if rng.random_bool(0.5) {
        json!({
            "n": rng.random_range(-5..700),
            "a": cursor(rng),
            "id": id,
            "i": random_json(rng, 1),
        })
    } else {
        random_json(rng, 0)
    };
    let url = format!("{}/graphql", app.url);
    let auth = match rng.random_range(0..10) {
        0 => None,
        1 => Some(format!("Bearer {}", mutate(rng, token))),
        2 => Some(["Basic abc", "Bearer", "bearer  x.y.z", "\u{7f}"][rng.random_range(0..4)].to_owned()),
        _ => Some(format!("Bearer {token}")),
    };
    let mut req = match rng.random_range(0..10) {
        0 => {
            let qs = [("query", doc.clone()), ("variables", variables.to_string())];
            app.client.get(reqwest::Url::parse_with_params(&url, &qs).unwrap())
        }
        1 => {
            let input = json!({"propertyId": cursor(rng)});
            let files: &[multipart::File] = &[("a.pdf", "application/pdf", b"%PDF-1.4\n")];
            let (ctype, mut body) = multipart::multipart(&doc, input, files);
            if rng.random_bool(0.5) {
                let cut = rng.random_range(0..body.len());
                body.truncate(cut);
            }
            app.client.post(&url).header("content-type", ctype).body(body)
        }
        2 => {
            let ctype = ["text/plain", "application/json; charset=latin1", "multipart/form-data", "application/graphql-response+json", ""][rng.random_range(0..5)];
            app.client.post(&url).header("content-type", ctype).body(mutate(rng, &json!({"query": doc}).to_string()))
        }
        3 => {
            let batch: Vec<Value> = (0..rng.random_range(0..14)).map(|_| json!({"query": doc, "variables": variables})).collect();
            app.client.post(&url).json(&batch)
        }
        4 => app.client.post(&url).json(&json!({"query": doc, "variables": variables, "operationName": mutate(rng, "A"), "extensions": random_json(rng, 0)})),
        5 => app.client.get(format!("{}/documents/{}", app.url, mutate(rng, "0191d2c4-8f3e-7cc1-9a1e-2b1f4c8d9e0f"))),
        _ => app.client.post(&url).json(&json!({"query": doc, "variables": variables})),
    };
    if let Some(a) = auth
        && let Ok(v) = reqwest::header::HeaderValue::from_str(&a)
    {
        req = req.header("authorization", v);
    }
    if rng.random_bool(0.2) {
        let accept = [
            "application/graphql-response+json",
            "*/*",
            "text/html",
            "application/json;q=0",
        ][rng.random_range(0..4)];
        req = req.header("accept", accept);
    }
    match req.timeout(std::time::Duration::from_secs(60)).send().await {
        Ok(res) => {
            let status = res.status().as_u16();
            let body = res.text().await.unwrap_or_default();
            (
                status,
                format!("{doc} / {variables} → {}", body.chars().take(300).collect::<String>()),
            )
        }
        Err(e) => (0, format!("{doc} → {e}")),
    }
}

async fn fuzz(backend: Backend, seed: u64) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));
    let Some(app) = spawn_with(backend, |s| s.rate_limit.limiter.enabled = false).await else {
        return;
    };
    app.tenant("alpha").await;
    let token = app.token("alpha", Role::Admin);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for i in 0..REQUESTS {
        let (status, what) = one(&app, &mut rng, &token).await;
        *statuses.entry(status).or_default() += 1;
        assert!(status != 0 && status < 500, "request {i}: {status}: {what}");
        assert_eq!(PANICS.load(Ordering::SeqCst), 0, "request {i} panicked: {what}");
    }
    println!("{backend:?}: statuses {statuses:?}");
    let d = app.data(&token, "{ me { role } }", json!({})).await;
    assert_eq!(d["me"]["role"], "ADMIN", "the server still answers");
}

#[tokio::test]
async fn random_and_mutated_requests_never_panic_or_fail_on_sqlite() {
    fuzz(Backend::Sqlite, 2026).await;
}

#[tokio::test]
async fn random_and_mutated_requests_never_panic_or_fail_on_postgres() {
    fuzz(Backend::Postgres, 1206).await;
}
