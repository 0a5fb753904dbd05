//! A graceful shutdown cannot be held hostage: with a 100,000-path Monte Carlo running (far longer
//! than the drain timeout in a debug build), SIGTERM ends the real server within its drain timeout,
//! and the engine work is told to stop so the process can exit.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod support;

use std::time::{Duration, Instant};
use support::{dcf_graphql, server};

#[tokio::test]
async fn sigterm_ends_the_server_within_its_drain_timeout_while_a_request_runs() {
    let mut server = server::Server::start(&[("REOS_SHUTDOWN_TIMEOUT_SECS", "2")]);
    let query = "query { me { role } }";
    let client = reqwest::Client::new();
    let url = format!("{}/graphql", server.url);
    let ok = client
        .post(&url)
        .bearer_auth(&server.token)
        .json(&serde_json::json!({"query": query}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let long = serde_json::json!({
        "query": "query($i: DcfInput!) { dcfMonteCarlo(input: $i, paths: 100000, seed: 3, spec: {exitCapRate: {normal: {mean: 0.07, stdDev: 0.004}}}) { paths } }",
        "variables": { "i": denver_graphql_input() }
    });
    let (token, url2) = (server.token.clone(), url.clone());
    let running = tokio::spawn(async move {
        reqwest::Client::new()
            .post(&url2)
            .bearer_auth(&token)
            .json(&long)
            .send()
            .await
    });
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(!running.is_finished(), "the Monte Carlo should still be running");
    let sent = Instant::now();
    server.signal("TERM");
    let status = server.wait_for_exit(Duration::from_secs(20));
    assert!(status.is_some(), "the server did not exit within 20 s of SIGTERM");
    let took = sent.elapsed();
    println!("exited {took:?} after SIGTERM (drain timeout 2 s)");
    assert!(took < Duration::from_secs(10), "{took:?}");
    let _ = running.await;
}

/// Denver office (a golden case) in the GraphQL input shape.
fn denver_graphql_input() -> serde_json::Value {
    dcf_graphql::graphql_input(include_str!("../golden/dcf/denver-office/input.json"))
}
