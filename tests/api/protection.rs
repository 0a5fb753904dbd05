//! Protection: depth, complexity, alias and root-field caps, batch cap, page-size cap,
//! switchable introspection, masked internal errors.
use crate::support::test_app::{Backend, code, spawn_app, spawn_with};
use reos::auth::Role;
use serde_json::json;

#[tokio::test]
async fn too_deep_too_many_aliases_and_too_many_root_fields_are_refused() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Viewer);
    let aliases: String = (0..31).map(|i| format!("a{i}: me {{ subject }} ")).collect();
    let (_, body) = app.gql(Some(&t), &format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    // Data depth 13 (the default cap is 12); introspection is measured apart (its own depth cap,
    // one type expansion per path), so GraphiQL's introspection query passes (see below).
    let deep = format!("{{ me {{ {}subject{} }} }}", "tenant { ".repeat(12), " }".repeat(12));
    let (_, body) = app.gql(Some(&t), &deep, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let expands_twice = "{ __schema { types { fields { type { fields { name } } } } } }";
    let (_, body) = app.gql(Some(&t), expands_twice, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let (_, body) = app
        .gql(Some(&t), "{ properties(first: 501) { totalCount } }", json!({}))
        .await;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
}

/// The exact query graphql-js 16's `getIntrospectionQuery()` produces (GraphiQL sends it on load)
/// is answered under the default limits; it was refused as "nested too deep" before.
#[tokio::test]
async fn graphiqls_introspection_query_is_answered_under_the_default_limits() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Viewer);
    let query = include_str!("../../src/graphql/limits/introspection.graphql");
    let (status, body) = app.gql(Some(&t), query, json!({})).await;
    assert_eq!(status, 200);
    assert!(body["errors"].is_null(), "{body}");
    let types = body["data"]["__schema"]["types"].as_array().unwrap();
    assert!(types.iter().any(|t| t["name"] == "QueryRoot"), "{body}");
}

/// The fan-out that pinned a core: fragments F0..F11 each spreading the next 8 times (8^11
/// expanded selections in 1 KB) is refused by the document guard, with and without a token.
#[tokio::test]
async fn a_fragment_fan_out_is_refused_without_running_validation() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Viewer);
    let q = reos::graphql::limits::fan_out(12, 8);
    let (_, body) = app.gql(Some(&t), &q, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let (status, body) = app.gql(None, &q, json!({})).await;
    assert_eq!(status, 401, "{body}");
}

/// Parse and validation errors carry the codes GraphQL clients expect.
#[tokio::test]
async fn parse_and_validation_errors_carry_their_codes() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Viewer);
    let (_, body) = app.gql(Some(&t), "{ me { ", json!({})).await;
    assert_eq!(code(&body), "GRAPHQL_PARSE_FAILED", "{body}");
    let (_, body) = app.gql(Some(&t), "{ me { nosuchfield } }", json!({})).await;
    assert_eq!(code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");
}

#[tokio::test]
async fn batches_are_executed_and_capped() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Viewer);
    let op = json!({"query": "{ me { subject } }"});
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&t)
        .json(&json!([op, op]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body.as_array().unwrap().len(), 2);
    let many: Vec<_> = (0..11).map(|_| op.clone()).collect();
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&t)
        .json(&many)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn introspection_can_be_switched_off() {
    let app = spawn_with(Backend::Sqlite, |s| s.graphql.introspection = false)
        .await
        .unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Viewer);
    let (_, body) = app
        .gql(Some(&t), "{ __schema { queryType { name } } }", json!({}))
        .await;
    assert!(body["data"]["__schema"].is_null(), "{body}");
    let on = spawn_app(Backend::Sqlite).await.unwrap();
    on.tenant("alpha").await;
    let d = on
        .data(
            &on.token("alpha", Role::Viewer),
            "{ __schema { queryType { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(d["__schema"]["queryType"]["name"], "QueryRoot");
}

#[tokio::test]
async fn health_readiness_and_graphiql_answer() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    for path in ["/healthz", "/readyz"] {
        let res = app.client.get(format!("{}{path}", app.url)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
    }
    let page = app
        .client
        .get(format!("{}/graphql", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("graphiql"), "GraphiQL page served");
    assert!(page.contains("Bearer "), "development token pre-filled");
}
