//! GraphQL-over-HTTP conformance: graphql-http's `auditServer` (npm, tests/conformance/audit.mjs)
//! against a live reos on a random port, every request carrying a valid bearer token. Any `error`
//! or `warn` result fails the test (the script prints each with the server's answer).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reos::auth::Role;
use support::node;
use support::test_app::{self, Backend, spawn_app};

async fn audit(backend: Backend) {
    let Some(dir) = node::tool_dir("conformance", "graphql-http") else {
        return;
    };
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    app.tenant("acme").await;
    let token = app.token("acme", Role::Analyst);
    let url = format!("{}/graphql", app.url);
    let node::ScriptRun { success, summary } = node::run_script(
        dir.join("audit.mjs"),
        vec![url, token],
        Vec::new(),
        "graphql-http audit: ",
        std::time::Duration::from_secs(300),
    )
    .await;
    assert!(summary["total"].as_u64().unwrap() >= 60, "the audit ran: {summary}");
    assert_eq!(summary["error"], 0, "{summary}");
    assert_eq!(summary["warn"], 0, "{summary}");
    assert!(success, "audit failed: {summary}");
}

#[tokio::test]
async fn the_graphql_over_http_audit_finds_no_error_and_no_warning_on_sqlite() {
    audit(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_graphql_over_http_audit_finds_no_error_and_no_warning_on_postgres() {
    audit(Backend::Postgres).await;
}

/// What the audit does not look at: GraphiQL stays on a bare GET, GET queries need a token too,
/// mutations over GET are refused with `Allow: POST`, bodies over the limit get 413 before parsing,
/// and every refusal names the field.
#[tokio::test]
async fn get_queries_are_authenticated_and_bad_requests_are_refused_naming_the_field() {
    let app = test_app::spawn_with(Backend::Sqlite, |s| s.graphql.max_body_bytes = 1024)
        .await
        .unwrap();
    app.tenant("acme").await;
    let token = app.token("acme", Role::Viewer);
    let url = format!("{}/graphql", app.url);
    let c = &app.client;

    let page = c.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("graphiql"));

    let q = reqwest::Url::parse_with_params(&url, [("query", "{ me { role } }")]).unwrap();
    let anonymous = c.get(q.clone()).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let ok = c.get(q).bearer_auth(&token).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(
        ok.json::<serde_json::Value>().await.unwrap()["data"]["me"]["role"],
        "VIEWER"
    );

    let m = reqwest::Url::parse_with_params(
        &url,
        [("query", "mutation { deleteProperty(id: \"x\") { deletedId } }")],
    );
    let refused = c.get(m.unwrap()).bearer_auth(&token).send().await.unwrap();
    assert_eq!(refused.status(), 405);
    assert_eq!(refused.headers()["allow"], "POST");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(
        body["errors"][0]["extensions"]["reason"],
        "OPERATION_NOT_ALLOWED_OVER_GET"
    );

    let big = serde_json::json!({ "query": format!("{{ me {{ role }} }} #{}", "x".repeat(2000)) });
    let too_large = c.post(&url).bearer_auth(&token).json(&big).send().await.unwrap();
    assert_eq!(too_large.status(), 413);

    let cases = [
        ("text/plain", "{}", 415, "content-type"),
        (
            "application/json",
            r#"{"query": "{ me { role } }", "variables": [1]}"#,
            400,
            "variables",
        ),
        (
            "application/json",
            r#"[{"query": "{ me { role } }"}, {"query": 3}]"#,
            400,
            "[1].query",
        ),
    ];
    for (content_type, body, status, field) in cases {
        let res = c
            .post(&url)
            .bearer_auth(&token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{body}");
        let json: serde_json::Value = res.json().await.unwrap();
        assert_eq!(json["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{json}");
        assert_eq!(json["errors"][0]["extensions"]["field"], field, "{json}");
    }
}
