//! examples/web, the browser client of issue #19, in Debian's Chromium
//! (tests/browser/web-example.mjs, playwright-core): the page is served from two other origins
//! (other ports) than reos; reos lists one of them in `cors_origins`. From that one the page signs
//! in, lists the demo properties (one with a saved DCF valuation), runs them again by hash alone over GET after a reload, and runs
//! a DCF; from the other the browser refuses to let it read anything. Saves
//! `artifacts/web/web-app.png` and `artifacts/web/web-app-blocked-origin.png`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::json;
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;
use support::node;
use support::test_app::{Backend, spawn_with};

/// The example's files, as a static file server would give them.
async fn example_file(name: web::Path<String>) -> HttpResponse {
    let kind = match name.as_str() {
        "" | "index.html" => "text/html; charset=utf-8",
        "app.js" => "text/javascript; charset=utf-8",
        "style.css" => "text/css; charset=utf-8",
        _ => return HttpResponse::NotFound().finish(),
    };
    let file = if name.is_empty() { "index.html" } else { name.as_str() };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/web").join(file);
    HttpResponse::Ok().content_type(kind).body(std::fs::read(path).unwrap())
}

/// Serves examples/web on two loopback ports (two origins); their base URLs.
fn serve_example() -> (String, String) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    let urls = [&a, &b].map(|l| format!("http://127.0.0.1:{}", l.local_addr().unwrap().port()));
    let server = HttpServer::new(|| App::new().route("/{name:.*}", web::get().to(example_file)))
        .workers(1)
        .listen(a)
        .unwrap()
        .listen(b)
        .unwrap()
        .run();
    tokio::spawn(server);
    let [allowed, blocked] = urls;
    (allowed, blocked)
}

#[tokio::test]
async fn the_example_web_app_works_from_a_listed_origin_and_is_blocked_from_another() {
    let Some(dir) = node::tool_dir("browser", "playwright-core") else {
        return;
    };
    let Some(chromium) = node::chromium() else { return };
    let (allowed, blocked) = serve_example();
    let origin = allowed.clone();
    let app = spawn_with(Backend::Sqlite, move |s| {
        s.server.seed_demo = true;
        s.web.cors_origins = vec![origin];
    })
    .await
    .unwrap();
    let token = app
        .state
        .graphiql_token
        .clone()
        .expect("development auth mints a token");
    // One property with a saved valuation, so the list shows one.
    let (_, listed) = app
        .gql(
            Some(&token),
            "{ properties(first: 10) { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    let apartments = listed["data"]["properties"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["name"] == "East Riverside Apartments")
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .expect("the demo seed has the apartments");
    let saved = app
        .data(
            &token,
            "mutation($p: ID!) { savePropertyDcf(propertyId: $p) { valuation { value } } }",
            json!({"p": apartments}),
        )
        .await;
    assert!(saved["savePropertyDcf"]["valuation"]["value"].is_number(), "{saved}");
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/web");
    let endpoint = format!("{}/graphql", app.url);
    let node::ScriptRun { success, summary } = node::run_script(
        dir.join("web-example.mjs"),
        vec![
            endpoint,
            format!("{allowed}/"),
            format!("{blocked}/"),
            shots.display().to_string(),
        ],
        vec![("REOS_TOKEN", token), ("REOS_CHROMIUM", chromium.display().to_string())],
        "web example browser: ",
        Duration::from_secs(180),
    )
    .await;
    assert_eq!(summary["ok"], true, "{summary:#}");
    assert!(success, "{summary:#}");
    for check in [
        "first visit registers the queries",
        "a reload runs every query by hash over GET",
        "the DCF has a value",
        "a saved valuation is listed",
        "GETs carry the hash alone",
        "every answer names this origin",
        "the browser refuses the other origin",
        "Chromium names the CORS policy",
    ] {
        assert_eq!(summary["checks"][check], "ok", "{check}: {summary:#}");
    }
}
