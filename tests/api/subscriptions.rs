//! Subscriptions over a real WebSocket (graphql-transport-ws): the token is checked at
//! `connection_init` (4403 when refused, 4401 for a subscribe before the ack), a valuation saved
//! over HTTP reaches `valuationCompleted` only after its transaction commits, `importProgress`
//! follows an import batch by batch, tenants never see each other's events, and (PostgreSQL) a
//! subscriber on one server hears a valuation saved through another server on the same database.
use crate::both_backends;
use crate::support::test_app::{Backend, TestApp, code, spawn_app, spawn_with};
use futures_util::StreamExt;
use reos::auth::Role;
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

use crate::support::ws::{self, Socket};

/// What the server sent: a JSON message, or a close frame's code and reason.
#[derive(Debug)]
pub(crate) enum Got {
    Json(Value),
    Closed(u16, String),
}

async fn connect(app: &TestApp) -> Socket {
    let (ws, chosen) = ws::connect(&app.url).await.unwrap();
    assert_eq!(chosen.as_deref(), Some("graphql-transport-ws"));
    ws
}

pub(crate) async fn send(ws: &mut Socket, msg: Value) {
    ws::send(ws, msg).await.unwrap();
}

/// The next message within `wait`, or None.
async fn next_within(ws: &mut Socket, wait: Duration) -> Option<Got> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next()).await.ok()??.ok()?;
        match msg {
            Message::Text(t) => return Some(Got::Json(serde_json::from_str(t.as_str()).unwrap())),
            Message::Close(Some(f)) => return Some(Got::Closed(u16::from(f.code), f.reason.to_string())),
            Message::Close(None) => return Some(Got::Closed(1005, String::new())),
            _ => {}
        }
    }
}

pub(crate) async fn next(ws: &mut Socket) -> Got {
    next_within(ws, Duration::from_secs(20))
        .await
        .expect("a message within 20 s")
}

/// Connects and sends `connection_init` with `payload`; returns the socket and the answer.
async fn init_with(app: &TestApp, payload: Value) -> (Socket, Got) {
    let mut ws = connect(app).await;
    send(&mut ws, json!({"type": "connection_init", "payload": payload})).await;
    let got = next(&mut ws).await;
    (ws, got)
}

/// An acknowledged connection for `token`.
pub(crate) async fn open(app: &TestApp, token: &str) -> Socket {
    let (ws, got) = init_with(app, json!({"Authorization": format!("Bearer {token}")})).await;
    assert!(matches!(&got, Got::Json(v) if v["type"] == "connection_ack"), "{got:?}");
    ws
}

/// Sends `subscribe` and waits until the server holds one more bus subscriber than before (the
/// protocol has no acknowledgement for a subscribe).
pub(crate) async fn subscribe(app: &TestApp, ws: &mut Socket, id: &str, query: &str, variables: Value) {
    let before = app.state.events.subscriber_count();
    send(
        ws,
        json!({"id": id, "type": "subscribe", "payload": {"query": query, "variables": variables}}),
    )
    .await;
    for _ in 0..400 {
        if app.state.events.subscriber_count() > before {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("subscription {id} was not registered");
}

const VALUATIONS: &str = "subscription($p: ID!) { valuationCompleted(propertyId: $p) { propertyId valuation { id model value createdBy } } }";
const PROGRESS: &str = "subscription($r: ID!) { importProgress(runId: $r) {
    runId stage processed total read written merged rejected done } }";
const SAVE_DCF: &str = "mutation($p: ID!) { savePropertyDcf(propertyId: $p) { result { dcfValue } } }";

/// A property `propertyDcf` can value: a small office with one lease, an expense and assumptions.
pub(crate) async fn office(app: &TestApp, op: &str) -> String {
    use crate::support::dcf_graphql::{CREATE_OFFICE, office_input, office_steps};
    let d = app.data(op, CREATE_OFFICE, office_input()).await;
    let p = d["createProperty"]["property"]["id"].as_str().unwrap().to_owned();
    let steps = office_steps(&p);
    for (q, i) in steps {
        app.data(op, q, json!({"i": i})).await;
    }
    p
}

async fn a_refused_token_closes_the_socket_with_4403(app: TestApp) {
    app.tenant("alpha").await;
    let forbidden = |got: &Got| matches!(got, Got::Closed(4403, reason) if reason.starts_with("Forbidden"));
    let (_, got) = init_with(&app, json!({"Authorization": "Bearer not-a-jwt"})).await;
    assert!(forbidden(&got), "garbage token: {got:?}");
    let (_, got) = init_with(&app, json!({})).await;
    assert!(forbidden(&got), "no token: {got:?}");
    let stranger = app.token("nowhere", Role::Admin);
    let (_, got) = init_with(&app, json!({"token": stranger})).await;
    assert!(
        matches!(&got, Got::Closed(4403, r) if r.contains("UNKNOWN_TENANT")),
        "unknown tenant: {got:?}"
    );
    // A token signed by another key (a different dev key pair) is refused as on POST.
    let other = reos::auth::DevKeys::load_or_create(tempfile::tempdir().unwrap().path()).unwrap();
    let forged = other.mint("alpha", Role::Admin, Duration::from_secs(600)).unwrap();
    let (_, got) = init_with(&app, json!({"Authorization": format!("Bearer {forged}")})).await;
    assert!(forbidden(&got), "foreign signature: {got:?}");

    // Subscribing before connection_init: 4401 Unauthorized.
    let mut ws = connect(&app).await;
    send(
        &mut ws,
        json!({"id": "1", "type": "subscribe", "payload": {"query": PROGRESS, "variables": {"r": uuid::Uuid::new_v4()}}}),
    )
    .await;
    let got = next(&mut ws).await;
    assert!(matches!(got, Got::Closed(4401, _)), "{got:?}");

    // A token that expires closes its socket.
    let short = app.dev.mint("alpha", Role::Analyst, Duration::from_secs(1)).unwrap();
    let mut ws = open(&app, &short).await;
    let got = next_within(&mut ws, Duration::from_secs(10)).await;
    assert!(
        matches!(&got, Some(Got::Closed(4403, r)) if r.contains("TOKEN_EXPIRED")),
        "{got:?}"
    );

    // The same token that works on POST is accepted.
    let ok = app.token("alpha", Role::Viewer);
    let mut ws = open(&app, &ok).await;
    // ...but a viewer may not watch valuations.
    let p = app.create_property(&app.token("alpha", Role::Operator), "Ames").await;
    send(
        &mut ws,
        json!({"id": "v", "type": "subscribe", "payload": {"query": VALUATIONS, "variables": {"p": p}}}),
    )
    .await;
    let Got::Json(v) = next(&mut ws).await else {
        panic!("expected an error message")
    };
    assert_eq!(v["type"], "next", "{v}");
    assert_eq!(code(&v["payload"]), "FORBIDDEN", "{v}");
}
both_backends!(a_refused_token_closes_the_socket_with_4403);

async fn a_valuation_saved_over_http_reaches_its_subscriber_after_the_commit(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let analyst = app.token("alpha", Role::Analyst);
    let p = office(&app, &op).await;
    let other = office(&app, &op).await;
    let mut ws = open(&app, &analyst).await;
    subscribe(&app, &mut ws, "v1", VALUATIONS, json!({"p": p})).await;

    // A batch whose second operation fails rolls back: the valuation was never stored, so no event.
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&analyst)
        .json(&json!([
            {"query": SAVE_DCF, "variables": {"p": p}},
            {"query": "query($p: ID!) { property(id: $p) { id } }", "variables": {"p": uuid::Uuid::new_v4()}}
        ]))
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    assert!(
        body[0]["data"]["savePropertyDcf"]["result"]["dcfValue"]
            .as_f64()
            .is_some(),
        "{body}"
    );
    assert_eq!(code(&body[1]), "NOT_FOUND", "{body}");
    // A valuation of another property is not this subscription's business.
    app.data(&analyst, SAVE_DCF, json!({"p": other})).await;
    assert!(
        next_within(&mut ws, Duration::from_millis(500)).await.is_none(),
        "no event for a rolled-back save or another property"
    );

    let d = app.data(&analyst, SAVE_DCF, json!({"p": p})).await;
    let answered = std::time::Instant::now();
    let value = d["savePropertyDcf"]["result"]["dcfValue"].as_f64().unwrap();
    let Got::Json(v) = next(&mut ws).await else {
        panic!("expected next")
    };
    eprintln!(
        "valuationCompleted arrived {:?} after the HTTP answer",
        answered.elapsed()
    );
    assert_eq!(v["type"], "next", "{v}");
    assert_eq!(v["id"], "v1");
    let e = &v["payload"]["data"]["valuationCompleted"];
    assert_eq!(e["propertyId"], p.as_str());
    assert_eq!(e["valuation"]["model"], "dcf");
    assert!((e["valuation"]["value"].as_f64().unwrap() - value).abs() < 1e-6, "{e}");
    let latest = app
        .data(
            &analyst,
            "query($p: ID!) { property(id: $p) { latestValuation { id } } }",
            json!({"p": p}),
        )
        .await;
    assert_eq!(latest["property"]["latestValuation"]["id"], e["valuation"]["id"]);

    // `complete` ends the subscription on the server.
    let before = app.state.events.subscriber_count();
    send(&mut ws, json!({"id": "v1", "type": "complete"})).await;
    for _ in 0..400 {
        if app.state.events.subscriber_count() < before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(
        app.state.events.subscriber_count() < before,
        "the bus subscriber is released"
    );
}
both_backends!(a_valuation_saved_over_http_reaches_its_subscriber_after_the_commit);

/// Two servers on one database, as behind a load balancer: an import run, a valuation saved and a
/// job cancelled through B reach their subscribers on A (the valuation and the job re-read there
/// under the tenant), once each, and another tenant's subscriber on A to the same run id hears
/// nothing.
#[tokio::test]
async fn events_of_one_instance_reach_subscribers_on_another() {
    let Some(a) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let shared = (
        a.state.settings.database.clone(),
        a.state.settings.server.data_dir.clone(),
    );
    let b = spawn_with(Backend::Postgres, |s| {
        // The same database, and the same development signing key (so A's tokens work on B).
        s.database = shared.0;
        s.server.data_dir = shared.1;
    })
    .await
    .unwrap();
    a.tenant("alpha").await;
    a.tenant("beta").await;
    let op = a.token("alpha", Role::Operator);
    let analyst = a.token("alpha", Role::Analyst);
    let p = office(&a, &op).await;
    let run = uuid::Uuid::new_v4().to_string();
    let mut ws = open(&a, &analyst).await;
    subscribe(&a, &mut ws, "p1", PROGRESS, json!({"r": run})).await;
    let mut stranger = open(&a, &a.token("beta", Role::Analyst)).await;
    subscribe(&a, &mut stranger, "s1", PROGRESS, json!({"r": run})).await;

    let d = b
        .data(&op, IMPORT, json!({"csv": properties_csv(5, "Elm"), "run": run}))
        .await;
    assert_eq!(d["importProperties"]["run"]["outcome"], "succeeded", "{d}");
    let mut stages = Vec::new();
    loop {
        match next(&mut ws).await {
            Got::Json(v) if v["type"] == "next" => stages.push(v["payload"]["data"]["importProgress"]["stage"].clone()),
            Got::Json(v) if v["type"] == "complete" => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(stages, [json!("running"), json!("succeeded")], "in order, once each");

    subscribe(&a, &mut ws, "v1", VALUATIONS, json!({"p": p})).await;
    let d = b.data(&analyst, SAVE_DCF, json!({"p": p})).await;
    let value = d["savePropertyDcf"]["result"]["dcfValue"].as_f64().unwrap();
    let Got::Json(v) = next(&mut ws).await else {
        panic!("expected next")
    };
    assert_eq!((&v["type"], &v["id"]), (&json!("next"), &json!("v1")), "{v}");
    let e = &v["payload"]["data"]["valuationCompleted"];
    assert_eq!(e["propertyId"], p.as_str());
    assert!((e["valuation"]["value"].as_f64().unwrap() - value).abs() < 1e-6, "{e}");
    let latest = b
        .data(
            &analyst,
            "query($p: ID!) { property(id: $p) { latestValuation { id } } }",
            json!({"p": p}),
        )
        .await;
    assert_eq!(latest["property"]["latestValuation"]["id"], e["valuation"]["id"]);
    assert!(next_within(&mut ws, Duration::from_millis(500)).await.is_none(), "once");
    assert!(next_within(&mut stranger, Duration::from_millis(200)).await.is_none());

    // A job cancelled through B: its admin subscriber on A sees it as it stood, then cancelled
    // (re-read on A), and the stream ends.
    let admin = a.token("alpha", Role::Admin);
    let run_job = "mutation { runJob(input: {kind: \"revalue\"}) { job { id } } }";
    let job = b.data(&admin, run_job, json!({})).await["runJob"]["job"]["id"].clone();
    let mut boss = open(&a, &admin).await;
    let q = "subscription($j: ID!) { jobProgress(jobId: $j) { id status } }";
    subscribe(&a, &mut boss, "j1", q, json!({"j": job})).await;
    let mut statuses = Vec::new();
    loop {
        match next(&mut boss).await {
            Got::Json(v) if v["type"] == "next" => statuses.push(v["payload"]["data"]["jobProgress"]["status"].clone()),
            Got::Json(v) if v["type"] == "complete" => break,
            other => panic!("unexpected {other:?}"),
        }
        if statuses.len() == 1 {
            // The job as it stood has arrived: now cancel it on the other server.
            let cancel = "mutation($j: ID!) { cancelJob(input: {id: $j}) { job { status } } }";
            b.data(&admin, cancel, json!({"j": job})).await;
        }
    }
    assert_eq!(statuses, [json!("queued"), json!("cancelled")]);
}

/// A subscriber that reconnects passes `since` (the `createdAt` of the last event it saw): the
/// valuations saved while it was away come first, oldest first, then the live ones, each once.
async fn a_reconnecting_subscriber_misses_nothing_with_since(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let analyst = app.token("alpha", Role::Analyst);
    let p = office(&app, &op).await;
    let since = "subscription($p: ID!, $s: DateTime) { valuationCompleted(propertyId: $p, since: $s) { valuation { id createdAt } } }";
    let saved = |d: Value| d["savePropertyDcf"]["result"]["dcfValue"].as_f64().unwrap();
    saved(app.data(&analyst, SAVE_DCF, json!({"p": p})).await);
    let latest = "query($p: ID!) { property(id: $p) { latestValuation { id createdAt } } }";
    let seen = app.data(&analyst, latest, json!({"p": p})).await["property"]["latestValuation"].clone();
    // Two saved while "away".
    let mut missed = Vec::new();
    for _ in 0..2 {
        saved(app.data(&analyst, SAVE_DCF, json!({"p": p})).await);
        missed.push(app.data(&analyst, latest, json!({"p": p})).await["property"]["latestValuation"]["id"].clone());
    }
    let mut ws = open(&app, &analyst).await;
    subscribe(&app, &mut ws, "v", since, json!({"p": p, "s": seen["createdAt"]})).await;
    let mut got = Vec::new();
    for _ in 0..2 {
        let Got::Json(v) = next(&mut ws).await else {
            panic!("expected next")
        };
        got.push(v["payload"]["data"]["valuationCompleted"]["valuation"]["id"].clone());
    }
    assert_eq!(got, missed, "the missed ones, oldest first");
    saved(app.data(&analyst, SAVE_DCF, json!({"p": p})).await);
    let live = app.data(&analyst, latest, json!({"p": p})).await["property"]["latestValuation"]["id"].clone();
    let Got::Json(v) = next(&mut ws).await else {
        panic!("expected next")
    };
    assert_eq!(v["payload"]["data"]["valuationCompleted"]["valuation"]["id"], live);
    assert!(
        next_within(&mut ws, Duration::from_millis(300)).await.is_none(),
        "each once"
    );
}
both_backends!(a_reconnecting_subscriber_misses_nothing_with_since);

/// `n` valid property rows, addresses distinct.
fn properties_csv(n: usize, prefix: &str) -> String {
    let mut csv =
        String::from("external_id,address,city,state,zip,property_type,latitude,longitude,living_area_sf,year_built\n");
    for i in 0..n {
        let lat = 42.0 + (i as f64) * 1e-5;
        csv.push_str(&format!(
            "{prefix}-{i},{} {prefix} St,Ames,IA,50010,single_family,{lat:.5},-93.62,1500,1975\n",
            i + 1
        ));
    }
    csv
}

const IMPORT: &str = "mutation($csv: String!, $run: ID) {
    importProperties(input: {csv: $csv, format: CSV, source: \"mls\", runId: $run}) { run { id outcome counts } } }";

async fn import_progress_follows_an_import_batch_by_batch(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let analyst = app.token("alpha", Role::Analyst);
    let run = uuid::Uuid::new_v4().to_string();
    let mut ws = open(&app, &analyst).await;
    subscribe(&app, &mut ws, "p1", PROGRESS, json!({"r": run})).await;
    let rows = 2 * reos::services::property_import::BATCH_ROWS + 150;
    let started = std::time::Instant::now();
    let d = app
        .data(&op, IMPORT, json!({"csv": properties_csv(rows, "Elm"), "run": run}))
        .await;
    eprintln!("importProperties of {rows} rows took {:?}", started.elapsed());
    assert_eq!(d["importProperties"]["run"]["id"], run.as_str());
    assert_eq!(d["importProperties"]["run"]["outcome"], "succeeded", "{d}");

    let mut events = Vec::new();
    loop {
        match next(&mut ws).await {
            Got::Json(v) if v["type"] == "next" => events.push(v["payload"]["data"]["importProgress"].clone()),
            Got::Json(v) if v["type"] == "complete" => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    let running: Vec<&Value> = events.iter().filter(|e| e["stage"] == "running").collect();
    assert_eq!(running.len(), 3, "one event per batch: {events:?}");
    let processed: Vec<u64> = running.iter().map(|e| e["processed"].as_u64().unwrap()).collect();
    assert!(processed.windows(2).all(|w| w[0] < w[1]), "{processed:?}");
    assert_eq!(*processed.last().unwrap(), rows as u64);
    assert!(running.iter().all(|e| e["total"] == rows && e["done"] == false));
    let last = events.last().unwrap();
    assert_eq!(last["stage"], "succeeded");
    assert_eq!(last["done"], true);
    assert_eq!(last["runId"], run.as_str());
    assert_eq!(last["read"], rows);
    assert_eq!(last["written"], rows);
    assert_eq!(last["written"], d["importProperties"]["run"]["counts"]["written"]);

    // A reused run id, like a malformed one, is BAD_USER_INPUT naming the field.
    let (_, body) = app
        .gql(Some(&op), IMPORT, json!({"csv": properties_csv(1, "Oak"), "run": run}))
        .await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.runId", "{body}");
    let (_, body) = app
        .gql(Some(&op), IMPORT, json!({"csv": properties_csv(1, "Oak"), "run": "x"}))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.runId", "{body}");
}
both_backends!(import_progress_follows_an_import_batch_by_batch);

async fn tenants_never_see_each_others_events(app: TestApp) {
    app.tenant("alpha").await;
    app.tenant("bravo").await;
    let alpha = app.token("alpha", Role::Admin);
    let bravo = app.token("bravo", Role::Admin);
    let bravo_property = office(&app, &bravo).await;
    let run = uuid::Uuid::new_v4().to_string();

    // Alpha asks for bravo's property: NOT_FOUND, as for queries.
    let mut spy = open(&app, &alpha).await;
    send(
        &mut spy,
        json!({"id": "v", "type": "subscribe", "payload": {"query": VALUATIONS, "variables": {"p": bravo_property}}}),
    )
    .await;
    let Got::Json(v) = next(&mut spy).await else {
        panic!("expected an error message")
    };
    assert_eq!(code(&v["payload"]), "NOT_FOUND", "{v}");
    let got = next(&mut spy).await;
    assert!(
        matches!(&got, Got::Json(c) if c["type"] == "complete" && c["id"] == "v"),
        "{got:?}"
    );
    // Alpha watches bravo's (future) run id; nothing can check it up front, the tenant filter must hold.
    subscribe(&app, &mut spy, "p", PROGRESS, json!({"r": run})).await;

    let mut owner = open(&app, &bravo).await;
    subscribe(&app, &mut owner, "p", PROGRESS, json!({"r": run})).await;
    subscribe(&app, &mut owner, "v", VALUATIONS, json!({"p": bravo_property})).await;
    app.data(&bravo, IMPORT, json!({"csv": properties_csv(20, "Pine"), "run": run}))
        .await;
    app.data(&bravo, SAVE_DCF, json!({"p": bravo_property})).await;

    let mut seen = Vec::new();
    while seen.len() < 3 {
        match next(&mut owner).await {
            Got::Json(v) if v["type"] == "next" => seen.push(v),
            Got::Json(v) if v["type"] == "complete" => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(
        seen.iter()
            .any(|v| v["payload"]["data"]["importProgress"]["done"] == true)
    );
    assert!(seen.iter().any(|v| v["id"] == "v"));
    let leaked = next_within(&mut spy, Duration::from_millis(500)).await;
    assert!(leaked.is_none(), "alpha received one of bravo's events: {leaked:?}");
}
both_backends!(tenants_never_see_each_others_events);

/// A user deactivated by an admin while subscribed: the socket closes with 4403
/// USER_DEACTIVATED, and a new `connection_init` with the same token is refused.
async fn a_deactivated_users_socket_closes(app: TestApp) {
    app.tenant("alpha").await;
    let analyst = app.token("alpha", Role::Analyst);
    let me = app.data(&analyst, "{ me { id } }", json!({})).await;
    let mut ws = open(&app, &analyst).await;
    let admin = app.token("alpha", Role::Admin);
    app.data(
        &admin,
        "mutation($id: ID!) { updateUser(input: {id: $id, active: false}) { user { active } } }",
        json!({"id": me["me"]["id"]}),
    )
    .await;
    let got = next(&mut ws).await;
    assert!(
        matches!(&got, Got::Closed(4403, reason) if reason.contains("USER_DEACTIVATED")),
        "{got:?}"
    );
    let (_, again) = init_with(&app, json!({"Authorization": format!("Bearer {analyst}")})).await;
    assert!(matches!(&again, Got::Closed(4403, _)), "{again:?}");
}
both_backends!(a_deactivated_users_socket_closes);
