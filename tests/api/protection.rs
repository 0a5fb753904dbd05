//! Protection: depth, complexity, alias and root-field caps, batch cap, page-size cap,
//! switchable introspection, masked internal errors.
use crate::helpers::{Backend, code, spawn_app, spawn_with};
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
    let deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } }";
    let (_, body) = app.gql(Some(&t), deep, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    let (_, body) = app
        .gql(Some(&t), "{ properties(first: 501) { totalCount } }", json!({}))
        .await;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
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
