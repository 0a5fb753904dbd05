//! GraphQL-over-HTTP conformance: graphql-http's `auditServer` (npm, tests/conformance/audit.mjs)
//! against a live reos on a random port, every request carrying a valid bearer token. Any `error`
//! or `warn` result fails the test (the script prints each with the server's answer).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "api/helpers.rs"]
#[allow(dead_code, unused_macros)]
mod helpers;
#[path = "support/node.rs"]
mod node;

use helpers::{Backend, spawn_app};
use reos::auth::Role;

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
    // Blocking wait off the runtime's thread, so the server keeps answering the audit.
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .arg(dir.join("audit.mjs"))
            .arg(url)
            .arg(token)
            .output()
    })
    .await
    .unwrap()
    .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = stdout
        .lines()
        .find_map(|l| l.strip_prefix("graphql-http audit: "))
        .map(|s| serde_json::from_str(s).unwrap())
        .expect("the audit printed its summary");
    assert!(summary["total"].as_u64().unwrap() >= 60, "the audit ran: {summary}");
    assert_eq!(summary["error"], 0, "{summary}");
    assert_eq!(summary["warn"], 0, "{summary}");
    assert!(out.status.success(), "audit failed: {summary}");
}

#[tokio::test]
async fn the_graphql_over_http_audit_finds_no_error_and_no_warning_on_sqlite() {
    audit(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_graphql_over_http_audit_finds_no_error_and_no_warning_on_postgres() {
    audit(Backend::Postgres).await;
}
