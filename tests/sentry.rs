//! Error reporting end to end, against a Sentry-compatible receiver on loopback that records the
//! envelopes it is sent. An internal error is caused honestly: the test renames a table under the
//! running app (through the owner connection) and then queries it. Its own binary because the
//! Sentry client is process-global: one test, phases in order, nothing else in the process.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reos::auth::Role;
use sea_orm::ConnectionTrait;
use secrecy::SecretString;
use serde_json::{Value, json};
use std::time::Duration;
use support::test_app::{Backend, TestApp, spawn_app, spawn_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// One POST the receiver got.
#[derive(Debug)]
struct Captured {
    path: String,
    head: String,
    body: String,
}

/// A minimal HTTP/1.1 server that answers 200 to everything and hands each request over.
async fn receiver() -> (u16, mpsc::UnboundedReceiver<Captured>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            tokio::spawn(serve(sock, tx.clone()));
        }
    });
    (port, rx)
}

async fn serve(mut sock: TcpStream, tx: mpsc::UnboundedSender<Captured>) {
    let mut buf = Vec::new();
    loop {
        let end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            if sock.read_buf(&mut buf).await.unwrap_or(0) == 0 {
                return;
            }
        };
        let head = String::from_utf8_lossy(&buf[..end]).to_string();
        let len: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        while buf.len() < end + 4 + len {
            if sock.read_buf(&mut buf).await.unwrap_or(0) == 0 {
                return;
            }
        }
        let body = String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).to_string();
        buf.drain(..end + 4 + len);
        let path = head.split_whitespace().nth(1).unwrap_or_default().to_owned();
        let _ = tx.send(Captured { path, head, body });
        let ok = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        if sock.write_all(ok).await.is_err() {
            return;
        }
    }
}

/// The item of type `kind` of an envelope (newline-separated: envelope header, then item header
/// and payload).
fn item_of(envelope: &str, kind: &str) -> Option<Value> {
    let lines: Vec<&str> = envelope.lines().collect();
    lines.windows(2).find_map(|w| {
        let header: Value = serde_json::from_str(w[0]).ok()?;
        (header["type"] == kind).then(|| serde_json::from_str(w[1]).ok())?
    })
}

/// The next envelope with an item of type `kind` tagged `request_id = id`; others are skipped.
async fn item_for(rx: &mut mpsc::UnboundedReceiver<Captured>, kind: &str, id: &str) -> (Captured, Value) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let c = tokio::time::timeout_at(deadline, rx.recv())
            .await
            .unwrap_or_else(|_| panic!("no {kind} for request {id} within 15 s"))
            .unwrap();
        if let Some(item) = item_of(&c.body, kind)
            && item["tags"]["request_id"] == id
        {
            return (c, item);
        }
    }
}

async fn envelope_for(rx: &mut mpsc::UnboundedReceiver<Captured>, id: &str) -> (Captured, Value) {
    item_for(rx, "event", id).await
}

fn assert_clean(envelope: &Captured, token: &str) {
    let text = envelope.body.to_ascii_lowercase();
    assert!(!envelope.body.contains(token), "the token leaked: {}", envelope.body);
    assert!(!text.contains("authorization"), "{}", envelope.body);
    assert!(!text.contains("bearer"), "{}", envelope.body);
    assert!(!text.contains("eyj"), "a JWT leaked: {}", envelope.body);
}

async fn internal_errors_and_panics_reach_sentry_with_tags_and_without_secrets(backend: Backend) {
    let (port, mut rx) = receiver().await;
    let dsn = format!("http://publickey@127.0.0.1:{port}/42");
    let Some(app) = spawn_with(backend, |s| {
        s.telemetry.sentry_dsn = Some(SecretString::from(dsn));
        s.telemetry.sentry_environment = Some("sentry-test".into());
        s.telemetry.sentry_traces_sample_rate = 1.0;
    })
    .await
    else {
        return;
    };
    let tenant = app.tenant("alpha").await;
    let token = app.token("alpha", Role::Analyst);
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&token)
        .json(&json!({"query": "query Fine { properties(first: 1) { totalCount } }"}))
        .send()
        .await
        .unwrap();
    let fine_id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
    // With traces_sample_rate 1 each request is a transaction, named and tagged like the errors.
    let (envelope, transaction) = item_for(&mut rx, "transaction", &fine_id).await;
    assert_eq!(transaction["transaction"], "Fine");
    assert_eq!(transaction["contexts"]["trace"]["op"], "graphql.request");
    assert_eq!(transaction["tags"]["role"], "analyst");
    assert_clean(&envelope, &token);

    break_the_properties_table(&app).await;
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&token)
        .header("Cookie", "session=cookie-secret")
        .json(&json!({"query": "query Broken { properties(first: 1) { totalCount } }"}))
        .send()
        .await
        .unwrap();
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "INTERNAL_SERVER_ERROR",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["requestId"], request_id.as_str());
    assert_eq!(
        body["errors"][0]["message"], "internal error",
        "the client sees no details"
    );

    let (envelope, event) = envelope_for(&mut rx, &request_id).await;
    assert_eq!(envelope.path, "/api/42/envelope/");
    assert!(envelope.head.to_ascii_lowercase().contains("sentry_key=publickey"));
    let tags = &event["tags"];
    assert_eq!(tags["tenant_id"], tenant.to_string());
    assert_eq!(tags["role"], "analyst");
    assert_eq!(tags["operation"], "Broken");
    assert_eq!(tags["path"], "properties");
    assert_eq!(event["release"], format!("reos@{}", env!("CARGO_PKG_VERSION")));
    assert_eq!(event["environment"], "sentry-test");
    assert_eq!(event["exception"]["values"][0]["type"], "INTERNAL_SERVER_ERROR");
    let cause = event["exception"]["values"][0]["value"].as_str().unwrap();
    assert!(
        cause.contains("properties"),
        "the server-side cause is reported: {cause}"
    );
    assert!(event.get("user").is_none() && event.get("request").is_none(), "{event}");
    assert_clean(&envelope, &token);
    assert!(!envelope.body.contains("cookie-secret"));

    // A panic while a request runs: the panic integration captures it in the request's scope.
    let batch = async_graphql::BatchRequest::Single(async_graphql::Request::new("mutation Explode { x }"));
    let scope = reos::http::sentry::RequestScope::new("panic-request", &tenant.to_string(), Role::Operator, &batch);
    let jwt = app.token("alpha", Role::Admin);
    let message = format!("exploded while holding Bearer {jwt}");
    let task = tokio::spawn(async move { scope.run(async move { panic!("{message}") }).await });
    assert!(task.await.unwrap_err().is_panic());
    let (envelope, event) = envelope_for(&mut rx, "panic-request").await;
    let exception = &event["exception"]["values"][0];
    assert_eq!(exception["mechanism"]["type"], "panic", "{event}");
    assert!(
        exception["value"]
            .as_str()
            .unwrap()
            .starts_with("exploded while holding")
    );
    assert_eq!(event["tags"]["operation"], "Explode");
    assert_eq!(event["tags"]["role"], "operator");
    assert_eq!(event["tags"]["tenant_id"], tenant.to_string());
    assert_clean(&envelope, &jwt);
}

/// Renames `properties` under the running app, through the owner connection.
async fn break_the_properties_table(app: &TestApp) {
    app.db()
        .owner
        .execute_unprepared("ALTER TABLE properties RENAME TO properties_gone")
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sentry_is_off_without_a_dsn_and_reports_with_one() {
    // Before any DSN: building an app installs no client, so nothing can be sent.
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    assert!(sentry::Hub::main().client().is_none(), "no DSN, no client");
    drop(app);
    internal_errors_and_panics_reach_sentry_with_tags_and_without_secrets(Backend::Sqlite).await;
    internal_errors_and_panics_reach_sentry_with_tags_and_without_secrets(Backend::Postgres).await;
}
