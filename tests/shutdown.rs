//! Shutdown of the real server. Behind a load balancer: SIGTERM turns `/readyz` red at once, the
//! instance keeps serving through its grace, subscriptions are closed with 1012 (reconnect), then
//! it drains and exits; every response names its instance. And a graceful shutdown cannot be
//! held hostage: with a 100,000-path Monte Carlo running (far longer than the drain timeout in a
//! debug build), SIGTERM ends the server within its drain timeout, and the engine work is told to
//! stop so the process can exit.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod support;

use std::time::{Duration, Instant};
use support::{dcf_graphql, server};

#[tokio::test]
async fn sigterm_ends_the_server_within_its_drain_timeout_while_a_request_runs() {
    let mut server = server::Server::start(&[("REOS_SHUTDOWN_TIMEOUT_SECS", "2"), ("REOS_DRAIN_GRACE_SECS", "0")]);
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

#[tokio::test]
async fn sigterm_turns_readyz_red_serves_through_the_grace_closes_subscriptions_then_exits() {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    let mut server = server::Server::start(&[("REOS_DRAIN_GRACE_SECS", "2"), ("REOS_INSTANCE_NAME", "reos-a")]);
    let client = reqwest::Client::new();
    let ready = || client.get(format!("{}/readyz", server.url)).send();
    let r = ready().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-reos-instance"], "reos-a");

    let (mut ws, _) = support::ws::connect(&server.url).await.unwrap();
    support::ws::init(&mut ws, &server.token).await.unwrap();
    let ack = ws.next().await.unwrap().unwrap();
    assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack:?}");

    let sent = Instant::now();
    server.signal("TERM");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let r = ready().await.unwrap();
    assert_eq!(r.status(), 503, "red at once");
    assert_eq!(r.headers()["x-reos-instance"], "reos-a");
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["status"], "draining");
    // Still serving during the grace.
    let me = client
        .post(format!("{}/graphql", server.url))
        .bearer_auth(&server.token)
        .json(&serde_json::json!({"query": "{ me { role } }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    assert_eq!(me.headers()["x-reos-instance"], "reos-a");
    // The subscription socket is closed with Service Restart.
    let closed = tokio::time::timeout(Duration::from_secs(3), async {
        while let Some(m) = ws.next().await {
            if let Ok(Message::Close(Some(frame))) = m {
                return Some(u16::from(frame.code));
            }
        }
        None
    })
    .await
    .unwrap();
    assert_eq!(closed, Some(1012));
    let status = server.wait_for_exit(Duration::from_secs(20));
    assert!(status.is_some(), "the server did not exit after its grace");
    let took = sent.elapsed();
    println!("exited {took:?} after SIGTERM (grace 2 s)");
    assert!(took >= Duration::from_secs(2), "the grace was not honoured: {took:?}");
}

/// Denver office (a golden case) in the GraphQL input shape.
fn denver_graphql_input() -> serde_json::Value {
    dcf_graphql::graphql_input(include_str!("../golden/dcf/denver-office/input.json"))
}
