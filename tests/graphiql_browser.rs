//! GraphiQL served from the binary: the page and its files over HTTP (no external URL, a strict
//! Content-Security-Policy, content-hashed files cached for good, the token JSON-encoded), and the
//! real thing in Debian's Chromium (tests/browser/graphiql.mjs, playwright-core) with every other
//! origin blocked: the Docs explorer lists `Query`, the Headers tab holds the development token
//! and the README's first query returns the demo data. Saves `artifacts/graphiql/graphiql.png`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::node;
use support::test_app::{Backend, TestApp, spawn_with};

async fn demo_app() -> TestApp {
    spawn_with(Backend::Sqlite, |s| s.server.seed_demo = true)
        .await
        .unwrap()
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(format!("{}{path}", app.url)).send().await.unwrap()
}

/// The `graphiql/…` file names the page loads.
fn local_files(page: &str) -> Vec<String> {
    page.split("\"graphiql/")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_owned()))
        .collect()
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_graphiql_page_loads_only_local_files_under_a_strict_policy_with_the_token_in_the_headers() {
    let app = demo_app().await;
    let res = get(&app, "/graphql").await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(&res, "cache-control"), "no-store");
    let csp = header(&res, "content-security-policy").to_owned();
    assert!(
        csp.starts_with("default-src 'none'; script-src 'self'; style-src 'self' 'nonce-"),
        "{csp}"
    );
    assert!(csp.contains("connect-src 'self' ws://127.0.0.1:"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    let page = res.text().await.unwrap();
    assert!(
        !page.contains("//"),
        "no absolute or protocol-relative URL in the page: {page}"
    );
    assert!(!page.contains("unpkg") && !page.contains("cdn"), "{page}");

    let settings = page
        .split("<script type=\"application/json\" id=\"reos-graphiql-settings\">")
        .nth(1)
        .and_then(|s| s.split_once("</script>"))
        .map(|(json, _)| json)
        .expect("the page carries its settings as JSON");
    let settings: serde_json::Value = serde_json::from_str(settings).unwrap();
    let token = app
        .state
        .graphiql_token
        .clone()
        .expect("development auth mints a GraphiQL token");
    assert_eq!(settings["authorization"], format!("Bearer {token}"));
    let nonce = settings["nonce"].as_str().unwrap();
    assert!(csp.contains(&format!("'nonce-{nonce}'")), "{csp}");

    let files = local_files(&page);
    assert_eq!(files.len(), 6, "{files:?}");
    for stem in [
        "graphiql.min.",
        "react.production.min.",
        "react-dom.production.min.",
        "reos-graphiql.",
    ] {
        assert!(files.iter().any(|f| f.starts_with(stem)), "{stem} in {files:?}");
    }
}

#[tokio::test]
async fn graphiql_files_have_content_hashed_names_long_caching_and_their_types() {
    let app = demo_app().await;
    let page = get(&app, "/graphql").await.text().await.unwrap();
    for name in local_files(&page) {
        let res = get(&app, &format!("/graphiql/{name}")).await;
        assert_eq!(res.status(), 200, "{name}");
        let expected = if name.ends_with(".js") {
            "text/javascript; charset=utf-8"
        } else {
            "text/css; charset=utf-8"
        };
        assert_eq!(header(&res, "content-type"), expected, "{name}");
        assert_eq!(
            header(&res, "cache-control"),
            "public, max-age=31536000, immutable",
            "{name}"
        );
        assert_eq!(header(&res, "x-content-type-options"), "nosniff", "{name}");
        let body = res.bytes().await.unwrap();
        assert!(body.len() > 100, "{name}");
        let hash = name.rsplit('.').nth(1).unwrap();
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &body);
        let hex: String = digest.as_ref()[..8].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hash, hex, "{name} is named after its content");
        // The vendored bundles fetch nothing themselves: no web font or stylesheet URL.
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("@import") && !text.contains("url(http"), "{name}");
    }
    for missing in [
        "/graphiql/graphiql.min.js",
        "/graphiql/graphiql.min.0000000000000000.js",
        "/graphiql/..%2FCargo.toml",
        "/graphiql/LICENSE",
    ] {
        assert_eq!(get(&app, missing).await.status(), 404, "{missing}");
    }
}

#[tokio::test]
async fn without_development_auth_the_headers_tab_starts_empty() {
    let keys_dir = tempfile::tempdir().unwrap();
    let keys = reos::auth::dev::DevKeys::load_or_create(keys_dir.path()).unwrap();
    let jwks = keys_dir.path().join("jwks.json");
    std::fs::write(&jwks, serde_json::json!({ "keys": [keys.public_jwk()] }).to_string()).unwrap();
    let app = spawn_with(Backend::Sqlite, |s| {
        s.auth.issuer = Some("https://issuer.invalid".into());
        s.auth.jwks_file = Some(jwks);
    })
    .await
    .unwrap();
    assert!(app.state.graphiql_token.is_none());
    let page = get(&app, "/graphql").await.text().await.unwrap();
    assert!(page.contains("{\"authorization\":null,"), "{page}");
    assert!(!page.contains("Bearer"), "{page}");
}

/// Runs tests/browser/graphiql.mjs against a fresh server with development auth and the demo
/// seed; the screenshot goes to `screenshot`, or to a temp folder when None.
async fn in_chromium(backend: Backend, screenshot: Option<PathBuf>) {
    let Some(dir) = node::tool_dir("browser", "playwright-core") else {
        return;
    };
    let Some(chromium) = node::chromium() else {
        return;
    };
    let Some(app) = spawn_with(backend, |s| s.server.seed_demo = true).await else {
        return;
    };
    let token = app.state.graphiql_token.clone().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().unwrap();
    let screenshot = screenshot.unwrap_or_else(|| scratch.path().join("graphiql.png"));
    let node::ScriptRun { success, summary } = node::run_script(
        dir.join("graphiql.mjs"),
        vec![app.url.clone(), screenshot.display().to_string()],
        vec![
            ("REOS_README", root.join("README.md").display().to_string()),
            ("REOS_EXPECT_AUTH", format!("Bearer {token}")),
            ("REOS_CHROMIUM", chromium.display().to_string()),
        ],
        "graphiql browser: ",
        Duration::from_secs(180),
    )
    .await;
    assert_eq!(summary["ok"], true, "{summary:#}");
    assert!(success, "{summary:#}");
    assert_eq!(summary["outside"], serde_json::json!([]), "{summary:#}");
    for check in ["docs explorer", "headers tab", "subscription event", "result has me"] {
        assert_eq!(summary["checks"][check], "ok", "{check}: {summary:#}");
    }
    assert!(
        std::fs::metadata(&screenshot).unwrap().len() > 10_000,
        "screenshot saved"
    );
}

/// Keeps the screenshot: `artifacts/graphiql/graphiql.png`.
#[tokio::test]
async fn graphiql_works_offline_in_chromium_with_the_docs_the_token_and_the_readme_query() {
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/graphiql/graphiql.png");
    in_chromium(Backend::Sqlite, Some(shot)).await;
}

#[tokio::test]
async fn graphiql_works_offline_in_chromium_on_postgres() {
    in_chromium(Backend::Postgres, None).await;
}
