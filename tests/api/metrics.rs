//! `/metrics` over real HTTP: after traffic the series move (HTTP, GraphQL operations by name and
//! outcome, rate-limit decisions, valuation durations, DB pool); cost probes are not counted;
//! `metrics_listen` moves the endpoint to a listener of its own.
use crate::support::test_app::{Backend, TestApp, settings, spawn_app};
use reos::auth::Role;
use reos::startup::Application;
use serde_json::json;

async fn scrape(app: &TestApp) -> String {
    let res = app.client.get(format!("{}/metrics", app.url)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    res.text().await.unwrap()
}

/// The value of one series (labels in any order here; the exposition sorts them by name).
fn value(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    let mut sorted = labels.to_vec();
    sorted.sort();
    let series = if sorted.is_empty() {
        name.to_owned()
    } else {
        let inner: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
        format!("{name}{{{}}}", inner.join(","))
    };
    text.lines()
        .find_map(|l| l.strip_prefix(&series).and_then(|rest| rest.strip_prefix(' ')))
        .map_or(0.0, |v| v.parse().unwrap())
}

#[tokio::test]
async fn series_move_after_traffic() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Analyst);
    let op = format!("Probe_{}", uuid::Uuid::new_v4().simple());
    let before = scrape(&app).await;
    let post = [("method", "POST"), ("route", "/graphql"), ("status", "200")];
    let allowed = [("scope", "user"), ("decision", "allowed")];
    let dcf = [("model", "dcf")];

    for _ in 0..2 {
        app.data(&t, &format!("query {op} {{ me {{ subject }} }}"), json!({}))
            .await;
    }
    let (_, body) = app
        .gql(
            Some(&t),
            &format!("query {op} {{ properties(first: 501) {{ totalCount }} }}"),
            json!({}),
        )
        .await;
    assert_eq!(crate::support::test_app::code(&body), "BAD_USER_INPUT");
    let input = super::dcf::graphql_input(include_str!("../../golden/dcf/denver-office/input.json"));
    app.data(
        &t,
        "query($i: DcfInput!) { dcf(input: $i) { dcfValue } }",
        json!({"i": input}),
    )
    .await;

    let after = scrape(&app).await;
    let ok = [("operation", op.as_str()), ("outcome", "ok")];
    let bad = [("operation", op.as_str()), ("outcome", "BAD_USER_INPUT")];
    assert_eq!(
        value(&after, "reos_graphql_operations_total", &ok),
        2.0,
        "probes are not counted"
    );
    assert_eq!(value(&after, "reos_graphql_operations_total", &bad), 1.0);
    assert_eq!(value(&after, "reos_graphql_operation_duration_seconds_count", &ok), 2.0);
    assert!(value(&after, "reos_graphql_operation_duration_seconds_sum", &ok) > 0.0);
    let moved = |name: &str, labels: &[(&str, &str)], by: f64| {
        let (b, a) = (value(&before, name, labels), value(&after, name, labels));
        assert!(a >= b + by, "{name} {labels:?}: {b} → {a}");
    };
    moved("reos_http_requests_total", &post, 4.0);
    moved("reos_http_request_duration_seconds_count", &post, 4.0);
    moved("reos_rate_limit_decisions_total", &allowed, 4.0);
    moved("reos_graphql_request_cost_total", &[], 4.0);
    moved("reos_valuation_duration_seconds_count", &dcf, 1.0);
    assert_eq!(
        value(&after, "reos_db_pool_max_connections", &[("pool", "service")]),
        8.0
    );
    assert!(after.contains("reos_db_pool_connections{pool=\"service\",state=\"idle\"}"));
    // Every series the Grafana dashboard queries exists.
    let dashboard = include_str!("../../ops/grafana/dashboards/reos.json");
    let names: std::collections::BTreeSet<&str> = dashboard
        .match_indices("reos_")
        .map(|(i, _)| {
            let rest = &dashboard[i..];
            &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap()]
        })
        .filter(|n| n.len() > "reos_".len() && *n != "reos_overview")
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        assert!(
            after.contains(&format!("\n{name}")),
            "the dashboard queries {name}, /metrics has no such series"
        );
    }
    // The scrape itself is counted under its route pattern.
    let scrapes = [("method", "GET"), ("route", "/metrics"), ("status", "200")];
    moved("reos_http_requests_total", &scrapes, 1.0);
}

#[tokio::test]
async fn metrics_listen_moves_the_endpoint_off_the_main_port() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(&dir);
    s.server.metrics_listen = Some("127.0.0.1:0".into());
    let app = Application::build(s).await.unwrap();
    let (main, metrics) = (app.port(), app.metrics_port().unwrap());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let on_main = client
        .get(format!("http://127.0.0.1:{main}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(on_main.status(), 404);
    let own = client
        .get(format!("http://127.0.0.1:{metrics}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    assert!(
        own.text()
            .await
            .unwrap()
            .contains("# TYPE reos_http_requests_total counter")
    );
}
