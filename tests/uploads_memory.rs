//! Uploads cannot exhaust the server's memory: ten concurrent 60 MB multipart uploads without a
//! token are refused before their bodies are read, and ten with a token are spooled to temporary
//! files and admitted within the in-flight budget. The real server runs as its own process and
//! its peak resident memory (`VmHWM` in /proc) must stay within its baseline plus the configured
//! budget (before: ten no-token requests of 10 × 60 MB took it from 307 MB to 5.5 GB).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod support;

use serde_json::{Value, json};
use support::{multipart, server};

const BUDGET_MB: u64 = 128;
const FILE_MB: usize = 60;

async fn send(url: &str, token: Option<&str>, ctype: &str, body: bytes::Bytes) -> u16 {
    let mut req = reqwest::Client::new()
        .post(format!("{url}/graphql"))
        .header("content-type", ctype)
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    match req.send().await {
        Ok(res) => res.status().as_u16(),
        // A refused upload may be answered and closed while the client is still sending.
        Err(_) => 0,
    }
}

#[tokio::test]
async fn concurrent_60_mb_uploads_stay_within_the_in_flight_budget() {
    let budget = BUDGET_MB.to_string();
    let max_bytes = (FILE_MB * 1024 * 1024 + 1024).to_string();
    let server = server::Server::start(&[
        ("REOS_GRAPHQL__UPLOADS_IN_FLIGHT_MB", budget.as_str()),
        ("REOS_DOCUMENT_MAX_BYTES", max_bytes.as_str()),
        // Concurrent writers on SQLite can meet "database is locked"; capturing and symbolizing a
        // backtrace for that error in a debug build loads its debug info, which would be measured
        // here instead of the uploads.
        ("RUST_BACKTRACE", "0"),
        ("RUST_LIB_BACKTRACE", "0"),
    ]);
    let client = reqwest::Client::new();
    let props: Value = client
        .post(format!("{}/graphql", server.url))
        .bearer_auth(&server.token)
        .json(&json!({"query": "{ properties(first: 1) { edges { node { id } } } }"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let property = props["data"]["properties"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(FILE_MB * 1024 * 1024, b'x');
    let query = "mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { documents { sizeBytes } } }";
    let (ctype, body) = multipart::multipart(
        query,
        json!({"propertyId": property}),
        &[("big.pdf", "application/pdf", &pdf)],
    );
    let body = bytes::Bytes::from(body);
    drop(pdf);
    let baseline = server.memory_kb("VmRSS");
    let mut runs = Vec::new();
    for token in [None, Some(server.token.as_str())] {
        let sends = (0..10).map(|_| send(&server.url, token, &ctype, body.clone()));
        let statuses = futures_util::future::join_all(sends).await;
        let peak = server.memory_kb("VmHWM");
        let grew_mb = peak.saturating_sub(baseline) / 1024;
        println!(
            "token: {}, statuses {statuses:?}, baseline {} MB, peak {} MB (+{grew_mb} MB)",
            token.is_some(),
            baseline / 1024,
            peak / 1024
        );
        runs.push(json!({
            "authenticated": token.is_some(),
            "uploads": 10,
            "file_mb": FILE_MB,
            "statuses": statuses,
            "baseline_rss_mb": baseline / 1024,
            "peak_rss_mb": peak / 1024,
            "growth_mb": grew_mb,
        }));
        match token {
            None => assert!(statuses.iter().all(|s| *s == 401 || *s == 0), "{statuses:?}"),
            Some(_) => {
                assert!(statuses.iter().all(|s| *s == 200 || *s == 503), "{statuses:?}");
                assert!(statuses.contains(&200), "{statuses:?}");
            }
        }
        assert!(
            grew_mb <= BUDGET_MB + 64,
            "peak RSS grew by {grew_mb} MB; budget {BUDGET_MB} MB (+64 MB slack)"
        );
    }
    // `ops/bench/uploads.sh` sets this to record the measurement under artifacts/.
    if let Ok(out) = std::env::var("REOS_UPLOAD_BENCH_OUT") {
        let report = json!({ "in_flight_budget_mb": BUDGET_MB, "runs": runs });
        std::fs::write(out, serde_json::to_string_pretty(&report).unwrap() + "\n").unwrap();
    }
}
