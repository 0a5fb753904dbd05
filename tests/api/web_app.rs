//! What a web app on another origin needs, over real HTTP: CORS (closed by default, exact origins,
//! preflights 204, another origin gets no CORS header), automatic persisted queries (both errors,
//! GET by hash, in-process and Redis storage shared by two instances, priced like the text, the
//! `only` mode), compression above the threshold (brotli and gzip, decoded back to the same
//! bytes) and the caching headers.
use crate::api::rate_limit::{Store, both_stores, post, spawn};
use crate::support::test_app::{Backend, TestApp, code, spawn_with};
use reos::auth::Role;
use reos::graphql::persisted::sha256_hex;
use serde_json::{Value, json};
use std::io::Read;

const APP: &str = "http://127.0.0.1:5173";
const OTHER: &str = "http://evil.example";
/// An answer of several kilobytes (over the 1 KiB compression threshold).
const BIG: &str = "{ __schema { types { name fields { name } } } }";

async fn cors_app() -> TestApp {
    spawn_with(Backend::Sqlite, |s| {
        s.web.cors_origins = vec![APP.into(), "https://app.example.com".into()];
        s.web.cors_max_age_secs = 900;
    })
    .await
    .unwrap()
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .map_or("", |v| v.to_str().unwrap_or("<not text>"))
}

fn cors_headers(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .keys()
        .map(|k| k.as_str().to_owned())
        .filter(|k| k.starts_with("access-control-"))
        .collect()
}

async fn preflight(app: &TestApp, path: &str, origin: &str, headers: &str) -> reqwest::Response {
    app.client
        .request(reqwest::Method::OPTIONS, format!("{}{path}", app.url))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", headers)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_listed_origin_gets_a_204_preflight_with_methods_headers_and_max_age() {
    let app = cors_app().await;
    for path in ["/graphql", "/documents/0195e1b2-0000-7000-8000-000000000000"] {
        let res = preflight(&app, path, APP, "authorization,content-type").await;
        assert_eq!(res.status(), 204, "{path}");
        assert_eq!(header(&res, "access-control-allow-origin"), APP, "{path}");
        let methods = header(&res, "access-control-allow-methods").to_owned();
        assert!(methods.contains("GET") && methods.contains("POST"), "{methods}");
        let allowed = header(&res, "access-control-allow-headers").to_ascii_lowercase();
        for h in ["authorization", "content-type", "accept"] {
            assert!(allowed.contains(h), "{h} in {allowed}");
        }
        assert_eq!(header(&res, "access-control-max-age"), "900");
        assert!(header(&res, "vary").contains("Origin"), "{:?}", res.headers());
        assert!(res.headers().get("access-control-allow-credentials").is_none());
    }
}

#[tokio::test]
async fn another_origin_gets_no_cors_header_on_the_preflight_nor_on_the_answer() {
    let app = cors_app().await;
    for origin in [
        OTHER,
        "http://127.0.0.1:5174",
        "https://app.example.com.evil.example",
        "null",
    ] {
        let res = preflight(&app, "/graphql", origin, "authorization,content-type").await;
        assert!(res.status() != 204 && res.status() != 200, "{origin}: {}", res.status());
        assert_eq!(cors_headers(&res), Vec::<String>::new(), "{origin}");
    }
    // A header outside the list is refused too.
    let res = preflight(&app, "/graphql", APP, "authorization,x-custom").await;
    assert!(res.headers().get("access-control-allow-origin").is_none());

    // The request itself runs (curl is not a browser), without CORS headers: a browser on that
    // origin would not let its page read the answer.
    let token = app.token("demo-cors", Role::Viewer);
    app.tenant("demo-cors").await;
    let me_from = |origin: &'static str| {
        app.client
            .post(format!("{}/graphql", app.url))
            .header("origin", origin)
            .bearer_auth(&token)
            .json(&json!({"query": "{ me { role } }"}))
            .send()
    };
    let res = me_from(OTHER).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("access-control-allow-origin").is_none());

    let res = me_from(APP).await.unwrap();
    assert_eq!(header(&res, "access-control-allow-origin"), APP);
    let exposed = header(&res, "access-control-expose-headers").to_ascii_lowercase();
    assert!(exposed.contains("x-request-id"), "{exposed}");
    assert_eq!(res.json::<Value>().await.unwrap()["data"]["me"]["role"], "VIEWER");
}

#[tokio::test]
async fn cors_is_closed_by_default() {
    let app = spawn_with(Backend::Sqlite, |_| {}).await.unwrap();
    for origin in [APP, OTHER] {
        let res = preflight(&app, "/graphql", origin, "content-type").await;
        assert_eq!(cors_headers(&res), Vec::<String>::new(), "{origin}");
    }
}

// --- automatic persisted queries ------------------------------------------------------------

fn apq(query: Option<&str>, hash: &str) -> Value {
    let mut body = json!({"extensions": {"persistedQuery": {"version": 1, "sha256Hash": hash}}});
    if let Some(q) = query {
        body["query"] = json!(q);
    }
    body
}

/// GET /graphql with only the hash (and an optional operation name) in the URL.
async fn get_by_hash(app: &TestApp, token: &str, hash: &str) -> reqwest::Response {
    let ext = json!({"persistedQuery": {"version": 1, "sha256Hash": hash}}).to_string();
    let url = format!("{}/graphql", app.url);
    app.client
        .get(reqwest::Url::parse_with_params(&url, [("extensions", ext.as_str())]).unwrap())
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// A query no earlier run has registered (the Redis store outlives tests).
fn fresh_query() -> String {
    format!("query Me {{ me {{ role }} }} # {}", uuid::Uuid::new_v4())
}

both_stores!(a_hash_alone_runs_once_its_text_was_sent_with_it);
async fn a_hash_alone_runs_once_its_text_was_sent_with_it(store: Store) {
    let Some(app) = spawn(store, |_| {}).await else { return };
    app.tenant("apq").await;
    let token = app.token("apq", Role::Viewer);
    let query = fresh_query();
    let hash = sha256_hex(&query);

    let first = post(&app, Some(&token), apq(None, &hash)).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(code(&first.body), "PERSISTED_QUERY_NOT_FOUND", "{}", first.body);
    assert_eq!(first.body["errors"][0]["message"], "PersistedQueryNotFound");
    assert!(first.body.get("data").is_none(), "{}", first.body);

    let wrong = post(&app, Some(&token), apq(Some(&query), &sha256_hex("{ me { subject } }"))).await;
    assert_eq!(code(&wrong.body), "PERSISTED_QUERY_HASH_MISMATCH", "{}", wrong.body);
    let still = post(&app, Some(&token), apq(None, &hash)).await;
    assert_eq!(
        code(&still.body),
        "PERSISTED_QUERY_NOT_FOUND",
        "a mismatch registers nothing"
    );

    let register = post(&app, Some(&token), apq(Some(&query), &hash)).await;
    assert_eq!(register.body["data"]["me"]["role"], "VIEWER", "{}", register.body);
    let by_hash = post(&app, Some(&token), apq(None, &hash)).await;
    assert_eq!(by_hash.body["data"]["me"]["role"], "VIEWER", "{}", by_hash.body);

    // GET with the hash alone: what browsers and CDNs cache.
    let res = get_by_hash(&app, &token, &hash).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["data"]["me"]["role"], "VIEWER", "{body}");

    // A mutation registered over POST is still refused over GET by its hash.
    let mutation = format!(
        "mutation {{ createProperty(input: {{address: {{line1: \"1 A St\", city: \"Ames\", state: \"IA\"}}, propertyType: SINGLE_FAMILY}}) {{ property {{ id }} }} }} # {}",
        uuid::Uuid::new_v4()
    );
    let op = app.token("apq", Role::Operator);
    let made = post(&app, Some(&op), apq(Some(&mutation), &sha256_hex(&mutation))).await;
    assert!(
        made.body["data"]["createProperty"]["property"]["id"].is_string(),
        "{}",
        made.body
    );
    let res = get_by_hash(&app, &op, &sha256_hex(&mutation)).await;
    assert_eq!(res.status(), 405);
}

both_stores!(a_persisted_query_is_priced_like_its_text);
async fn a_persisted_query_is_priced_like_its_text(store: Store) {
    let Some(app) = spawn(store, |s| s.rate_limit.user_cost_per_minute = 3_000).await else {
        return;
    };
    app.tenant("apq-cost").await;
    let token = app.token("apq-cost", Role::Analyst);
    let query = format!(
        "{{ properties(first: 200) {{ edges {{ node {{ id }} }} }} }} # {}",
        uuid::Uuid::new_v4()
    );
    let hash = sha256_hex(&query);
    let remaining = |r: &crate::api::rate_limit::Reply| r.num("x-ratelimit-remaining");
    let before = post(&app, Some(&token), json!({"query": "{ me { role } }"})).await;
    let by_text = post(&app, Some(&token), apq(Some(&query), &hash)).await;
    let by_hash = post(&app, Some(&token), apq(None, &hash)).await;
    assert!(by_hash.body.get("errors").is_none(), "{}", by_hash.body);
    let text_cost = remaining(&before) - remaining(&by_text);
    let hash_cost = remaining(&by_text) - remaining(&by_hash);
    assert!(text_cost > 100, "the text costs its complexity: {text_cost}");
    // The budget refills 50 units a second: the milliseconds between requests give back a unit
    // or two.
    assert!(text_cost.abs_diff(hash_cost) <= 2, "text {text_cost}, hash {hash_cost}");
}

#[tokio::test]
async fn instances_sharing_redis_share_persisted_queries_and_in_process_ones_do_not() {
    let Some(a) = spawn(Store::Redis, |_| {}).await else {
        return;
    };
    let Some(b) = spawn(Store::Redis, |_| {}).await else {
        return;
    };
    let Some(alone) = spawn(Store::Memory, |_| {}).await else {
        return;
    };
    for app in [&a, &b, &alone] {
        app.tenant("apq-shared").await;
    }
    let query = fresh_query();
    let hash = sha256_hex(&query);
    let token = |app: &TestApp| app.token("apq-shared", Role::Viewer);
    let reg = post(&a, Some(&token(&a)), apq(Some(&query), &hash)).await;
    assert!(reg.body.get("errors").is_none(), "{}", reg.body);
    let on_b = post(&b, Some(&token(&b)), apq(None, &hash)).await;
    assert_eq!(on_b.body["data"]["me"]["role"], "VIEWER", "{}", on_b.body);
    let on_alone = post(&alone, Some(&token(&alone)), apq(None, &hash)).await;
    assert_eq!(code(&on_alone.body), "PERSISTED_QUERY_NOT_FOUND");
}

#[tokio::test]
async fn only_mode_runs_the_manifest_and_refuses_other_texts() {
    let dir = tempfile::tempdir().unwrap();
    let listed = "query Me { me { role } }";
    let path = dir.path().join("pq.json");
    std::fs::write(&path, json!({ sha256_hex(listed): listed }).to_string()).unwrap();
    let app = spawn_with(Backend::Sqlite, |s| {
        s.graphql.persisted_queries = reos::config::PersistedQueries::Only;
        s.graphql.persisted_queries_manifest = Some(path);
    })
    .await
    .unwrap();
    app.tenant("apq-only").await;
    let token = app.token("apq-only", Role::Viewer);
    let res = get_by_hash(&app, &token, &sha256_hex(listed)).await;
    assert_eq!(res.json::<Value>().await.unwrap()["data"]["me"]["role"], "VIEWER");
    let (_, body) = app.gql(Some(&token), listed, json!({})).await;
    assert_eq!(body["data"]["me"]["role"], "VIEWER", "{body}");
    let (_, body) = app.gql(Some(&token), "{ me { subject } }", json!({})).await;
    assert_eq!(code(&body), "PERSISTED_QUERY_NOT_IN_LIST", "{body}");
}

// --- compression and caching headers -----------------------------------------------------

fn decode(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "br" => brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).unwrap(),
        "gzip" => flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap(),
        other => panic!("unexpected encoding {other}"),
    };
    out
}

async fn post_encoded(app: &TestApp, token: &str, query: &str, accept: &str) -> (String, String, Vec<u8>) {
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("accept-encoding", accept)
        .bearer_auth(token)
        .json(&json!({"query": query}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let encoding = header(&res, "content-encoding").to_owned();
    let vary = header(&res, "vary").to_owned();
    (encoding, vary, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn large_answers_are_compressed_as_the_client_asks_and_small_ones_are_not() {
    let app = spawn_with(Backend::Sqlite, |_| {}).await.unwrap();
    app.tenant("zip").await;
    let token = app.token("zip", Role::Viewer);
    let (plain_enc, _, plain) = post_encoded(&app, &token, BIG, "identity").await;
    assert_eq!(plain_enc, "");
    assert!(plain.len() > 4096, "{} bytes", plain.len());
    for (accept, want) in [
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("gzip;q=1, br;q=0.5", "gzip"),
    ] {
        let (enc, vary, body) = post_encoded(&app, &token, BIG, accept).await;
        assert_eq!(enc, want, "{accept}");
        assert!(vary.to_ascii_lowercase().contains("accept-encoding"), "{vary}");
        assert!(
            body.len() * 3 < plain.len(),
            "{accept}: {} of {} bytes",
            body.len(),
            plain.len()
        );
        assert_eq!(decode(&enc, &body), plain, "{accept}");
    }
    let (small_enc, _, small) = post_encoded(&app, &token, "{ me { role } }", "br, gzip").await;
    assert_eq!(small_enc, "", "{} bytes stay as they are", small.len());
    assert!(small.len() < 1024);
}

#[tokio::test]
async fn authenticated_answers_are_private_no_store_and_vary_by_token_and_origin() {
    let app = spawn_with(Backend::Sqlite, |s| {
        s.web.http_cache_control = "private, max-age=60".into()
    })
    .await
    .unwrap();
    app.tenant("cache").await;
    let token = app.token("cache", Role::Viewer);
    let get = |query: &str, token: Option<&str>| {
        let url = format!("{}/graphql", app.url);
        let mut req = app
            .client
            .get(reqwest::Url::parse_with_params(&url, [("query", query)]).unwrap());
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    let posted = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&token)
        .json(&json!({"query": "{ me { role } }"}))
        .send()
        .await
        .unwrap();
    let ok_get = get("{ me { role } }", Some(&token)).await.unwrap();
    let failed_get = get("{ me { nope } }", Some(&token)).await.unwrap();
    let no_token = get("{ me { role } }", None).await.unwrap();
    for (what, res, policy) in [
        ("POST", &posted, "private, no-store"),
        ("GET", &ok_get, "private, max-age=60"),
        ("failed GET", &failed_get, "private, no-store"),
        ("401", &no_token, "private, no-store"),
    ] {
        assert_eq!(header(res, "cache-control"), policy, "{what}");
        let vary = header(res, "vary");
        assert!(
            vary.contains("Authorization") && vary.contains("Origin"),
            "{what}: {vary}"
        );
    }
    assert_eq!(no_token.status(), 401);
    // GraphiQL's files keep their own long life.
    let page = app.client.get(format!("{}/graphql", app.url)).send().await.unwrap();
    assert_eq!(header(&page, "cache-control"), "no-store");
}
