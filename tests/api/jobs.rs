//! Background jobs over real HTTP (docs/jobs.md): `runJob` enqueues, the server's own worker runs
//! it — a `revalue` values every property again (a DCF where the property has leases) and records
//! its progress — a job that keeps failing is retried and then dead with its error; `cancelJob`
//! stops a queued job and refuses a finished one; only admins may see or run jobs; and a
//! schedule's fire time is enqueued once however many instances see it (PostgreSQL).
use crate::support::test_app::{Backend, TestApp, code, spawn_app, spawn_with};
use reos::auth::Role;
use serde_json::{Value, json};
use std::time::Duration;

const RUN: &str = "mutation($k: String!) { runJob(input: {kind: $k}) { job { id kind status attempts } } }";
const JOB: &str =
    "query($id: ID!) { job(id: $id) { id kind status attempts maxAttempts lastError progress createdBy } }";

async fn worker_app(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |s| {
        s.jobs.enabled = true;
        s.jobs.poll_ms = 50;
        s.jobs.retry_base_secs = 0;
        s.jobs.max_attempts = 2;
        s.jobs.schedules = Vec::new();
    })
    .await
}

/// Polls job `id` until it is in one of `done` (or 20 s pass).
async fn wait_for(app: &TestApp, token: &str, id: &str, done: &[&str]) -> Value {
    for _ in 0..400 {
        let j = app.data(token, JOB, json!({"id": id})).await["job"].clone();
        if done.contains(&j["status"].as_str().unwrap_or("")) {
            return j;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {id} did not reach {done:?}");
}

async fn the_worker_runs_revalue_and_retires_a_failing_job(backend: Backend) {
    let Some(app) = worker_app(backend).await else { return };
    app.tenant("alpha").await;
    let admin = app.token("alpha", Role::Admin);
    let analyst = app.token("alpha", Role::Analyst);
    let a = super::subscriptions::office(&app, &admin).await;
    let b = super::subscriptions::office(&app, &admin).await;

    let (_, refused) = app.gql(Some(&analyst), RUN, json!({"k": "revalue"})).await;
    assert_eq!(code(&refused), "FORBIDDEN", "{refused}");
    let (_, bad) = app.gql(Some(&admin), RUN, json!({"k": "nightly"})).await;
    assert_eq!(code(&bad), "BAD_USER_INPUT", "{bad}");
    assert_eq!(bad["errors"][0]["extensions"]["field"], "input.kind");

    let id = app.data(&admin, RUN, json!({"k": "revalue"})).await["runJob"]["job"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let j = wait_for(&app, &admin, &id, &["succeeded", "failed", "dead"]).await;
    assert_eq!(j["status"], "succeeded", "{j}");
    let p = &j["progress"];
    // Two offices with leases: two DCFs; no comparable sales, so no Comp-Critic value (counted).
    assert_eq!(
        (&p["done"], &p["total"], &p["counts"]),
        (&json!(2), &json!(2), &json!({"dcf": 2})),
        "{j}"
    );
    assert_eq!(
        p["skipped"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum::<u64>(),
        2,
        "{j}"
    );
    for prop in [&a, &b] {
        let v = app
            .data(
                &analyst,
                "query($p: ID!) { property(id: $p) { latestValuation { model createdBy } } }",
                json!({"p": prop}),
            )
            .await;
        assert_eq!(v["property"]["latestValuation"]["model"], "dcf", "{v}");
        assert_eq!(
            v["property"]["latestValuation"]["createdBy"],
            format!("job:revalue:{id}")
        );
    }

    // A hazard refresh from the tenant's hazard table: the property near the one point gets a new
    // assessment; one out of reach and the two offices without coordinates are counted.
    let tid = app.db().owner.clone();
    let tenant = reos::persistence::repositories::tenants::by_slug(&tid, "alpha")
        .await
        .unwrap()
        .unwrap();
    let tx = reos::persistence::TenantTx::begin(&app.db().service, reos::persistence::TenantId::from_row(&tenant))
        .await
        .unwrap();
    let points =
        reos::services::hazards::read_csv(&b"lat,lon,flood,wildfire,heat\n42.03,-93.62,0.8,0.1,0.3\n"[..]).unwrap();
    let checked = reos::services::hazards::check(points, 500.0).unwrap();
    reos::services::hazards::store(&tx, &checked, "test", true)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let create = "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }";
    let mut near = String::new();
    for (line, lat) in [("1 Near St", 42.0301), ("9 Far Rd", 40.0)] {
        let d = app
            .data(
                &admin,
                create,
                json!({"i": {"address": {"line1": line, "city": "Ames", "state": "IA"}, "propertyType": "SINGLE_FAMILY",
                    "latitude": lat, "longitude": -93.62, "listPrice": 300000.0}}),
            )
            .await;
        if near.is_empty() {
            near = d["createProperty"]["property"]["id"].as_str().unwrap().to_owned();
        }
    }
    let id = app.data(&admin, RUN, json!({"k": "hazard_refresh"})).await["runJob"]["job"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let j = wait_for(&app, &admin, &id, &["succeeded", "failed", "dead"]).await;
    assert_eq!(j["status"], "succeeded", "{j}");
    assert_eq!(j["progress"]["counts"], json!({"assessed": 1}), "{j}");
    assert_eq!(
        j["progress"]["skipped"],
        json!({"no_coordinates": 2, "no_point_in_reach": 1}),
        "{j}"
    );
    let h = app
        .data(
            &analyst,
            "query($p: ID!) { property(id: $p) { hazards { floodScore source } } }",
            json!({"p": near}),
        )
        .await;
    assert_eq!(
        h["property"]["hazards"],
        json!({"floodScore": 0.8, "source": "hazard_table"})
    );

    // Without Neo4j a graph sync fails: retried once (max 2 attempts), then dead with the reason.
    let id = app.data(&admin, RUN, json!({"k": "graph_sync"})).await["runJob"]["job"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let j = wait_for(&app, &admin, &id, &["dead", "succeeded"]).await;
    assert_eq!((&j["status"], &j["attempts"]), (&json!("dead"), &json!(2)), "{j}");
    assert!(j["lastError"].as_str().unwrap().contains("Neo4j"), "{j}");
    let listed = app
        .data(&admin, "{ jobs(status: \"dead\") { id kind } }", json!({}))
        .await;
    assert_eq!(listed["jobs"][0]["id"], id.as_str());
}

#[tokio::test]
async fn the_worker_runs_revalue_and_retires_a_failing_job_on_sqlite() {
    the_worker_runs_revalue_and_retires_a_failing_job(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_worker_runs_revalue_and_retires_a_failing_job_on_postgres() {
    the_worker_runs_revalue_and_retires_a_failing_job(Backend::Postgres).await;
}

async fn a_queued_job_can_be_cancelled_once(app: TestApp) {
    app.tenant("alpha").await;
    app.tenant("beta").await;
    let admin = app.token("alpha", Role::Admin);
    let id = app.data(&admin, RUN, json!({"k": "revalue"})).await["runJob"]["job"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cancel = "mutation($id: ID!) { cancelJob(input: {id: $id}) { job { status } } }";
    let d = app.data(&admin, cancel, json!({"id": id})).await;
    assert_eq!(d["cancelJob"]["job"]["status"], "cancelled");
    let (_, again) = app.gql(Some(&admin), cancel, json!({"id": id})).await;
    assert_eq!(code(&again), "CONFLICT", "{again}");
    // Another tenant's admin does not see it.
    let (_, other) = app
        .gql(Some(&app.token("beta", Role::Admin)), JOB, json!({"id": id}))
        .await;
    assert_eq!(code(&other), "NOT_FOUND", "{other}");
}
crate::both_backends!(a_queued_job_can_be_cancelled_once);

/// `jobProgress` follows a job to its end: the record as it stands, then each change, the last
/// one `succeeded` with the walk's counts, then the stream completes. Analysts are refused and
/// another tenant's admin does not find the job.
async fn job_progress_follows_a_job_to_its_end(backend: Backend) {
    use super::subscriptions::{Got, next, open, send, subscribe};
    let Some(app) = worker_app(backend).await else { return };
    app.tenant("alpha").await;
    app.tenant("beta").await;
    let admin = app.token("alpha", Role::Admin);
    super::subscriptions::office(&app, &admin).await;
    super::subscriptions::office(&app, &admin).await;
    let id = app.data(&admin, RUN, json!({"k": "revalue"})).await["runJob"]["job"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let q = "subscription($j: ID!) { jobProgress(jobId: $j) { id kind status progress } }";
    let mut ws = open(&app, &admin).await;
    subscribe(&app, &mut ws, "1", q, json!({"j": id})).await;
    let mut seen = Vec::new();
    loop {
        match next(&mut ws).await {
            Got::Json(m) if m["type"] == "next" => seen.push(m["payload"]["data"]["jobProgress"].clone()),
            Got::Json(m) if m["type"] == "complete" => break,
            other => panic!("unexpected {other:?} after {seen:?}"),
        }
    }
    let statuses: Vec<&str> = seen.iter().map(|j| j["status"].as_str().unwrap()).collect();
    assert!(
        seen.iter().all(|j| j["id"] == id.as_str() && j["kind"] == "revalue"),
        "{seen:?}"
    );
    assert_eq!(statuses.last(), Some(&"succeeded"), "{statuses:?}");
    assert!(
        statuses[..statuses.len() - 1]
            .iter()
            .all(|s| ["queued", "running"].contains(s)),
        "{statuses:?}"
    );
    let last = &seen[seen.len() - 1]["progress"];
    assert_eq!(
        (&last["done"], &last["counts"]),
        (&json!(2), &json!({"dcf": 2})),
        "{last}"
    );

    for (token, want) in [
        (app.token("alpha", Role::Analyst), "FORBIDDEN"),
        (app.token("beta", Role::Admin), "NOT_FOUND"),
    ] {
        let mut ws = open(&app, &token).await;
        send(
            &mut ws,
            json!({"id": "2", "type": "subscribe", "payload": {"query": q, "variables": {"j": id}}}),
        )
        .await;
        let Got::Json(m) = next(&mut ws).await else {
            panic!("{want}: expected an error message")
        };
        assert_eq!((m["type"].as_str(), code(&m["payload"])), (Some("next"), want), "{m}");
    }
}

#[tokio::test]
async fn job_progress_follows_a_job_to_its_end_on_sqlite() {
    job_progress_follows_a_job_to_its_end(Backend::Sqlite).await;
}

#[tokio::test]
async fn job_progress_follows_a_job_to_its_end_on_postgres() {
    job_progress_follows_a_job_to_its_end(Backend::Postgres).await;
}

/// `reos jobs run revalue --wait` (PostgreSQL) runs the job in the CLI process, exits 0 once it
/// has succeeded, and its events reach a subscriber of a server on the same database: every
/// valuation it saved, and the job's end.
#[tokio::test]
async fn the_cli_runs_a_job_and_its_events_reach_a_servers_subscribers() {
    use super::subscriptions::{Got, next, open, subscribe};
    use secrecy::ExposeSecret;
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    app.tenant("alpha").await;
    let admin = app.token("alpha", Role::Admin);
    let property = super::subscriptions::office(&app, &admin).await;
    let mut ws = open(&app, &admin).await;
    let q = "subscription($p: ID!) { valuationCompleted(propertyId: $p) { valuation { model createdBy } } }";
    subscribe(&app, &mut ws, "1", q, json!({"p": property})).await;

    let db = &app.state.settings.database;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_reos"));
    cmd.args(["jobs", "run", "revalue", "--tenant", "alpha", "--wait"])
        .env("REOS_DATABASE_URL", db.url.as_ref().unwrap().expose_secret())
        .env(
            "REOS_DATABASE_OWNER_URL",
            db.owner_url.as_ref().unwrap().expose_secret(),
        )
        .env("REOS_DATA_DIR", &app.state.settings.server.data_dir)
        .env("RUST_LOG", "warn");
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("succeeded"), "{stdout}");

    let Got::Json(m) = next(&mut ws).await else {
        panic!("expected the valuation")
    };
    let v = &m["payload"]["data"]["valuationCompleted"]["valuation"];
    assert_eq!(v["model"], "dcf", "{m}");
    assert!(v["createdBy"].as_str().unwrap().starts_with("job:revalue:"), "{m}");
}

/// Imports the months of Austin (data/txhousing.csv) up to `last` (`YYYY-MM`) for `tenant`.
async fn import_austin(app: &TestApp, tenant: &str, last: &str) {
    let csv = std::fs::read_to_string("data/txhousing.csv").unwrap();
    let mut lines = csv.lines();
    let mut file = format!("{}\n", lines.next().unwrap());
    for l in lines.filter(|l| l.starts_with("Austin,") && l[7..14] <= *last) {
        file.push_str(l);
        file.push('\n');
    }
    let t = reos::persistence::repositories::tenants::by_slug(&app.db().owner, tenant)
        .await
        .unwrap()
        .unwrap();
    let tx = reos::persistence::TenantTx::begin(&app.db().service, reos::persistence::TenantId::from_row(&t))
        .await
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    reos::services::market::import::import_csv(&tx, file.as_bytes(), today)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// `market_regime` stores each market's regime in its latest month — the same regime
/// `Market.regime` computes for that month — once per month (a second run over the same data
/// replaces it), and reports a label that changed since the last stored month.
async fn market_regime_stores_each_markets_latest_regime(backend: Backend) {
    let Some(app) = worker_app(backend).await else { return };
    app.tenant("alpha").await;
    let admin = app.token("alpha", Role::Admin);
    let history = "{ market(name: \"Austin\") { regime { month label } regimeHistory { month label mapRunLength pChange12m computedBy } } }";
    let mut results = Vec::new();
    for (last, runs) in [("2009-06", 2), ("2015-07", 1)] {
        import_austin(&app, "alpha", last).await;
        for _ in 0..runs {
            let id = app.data(&admin, RUN, json!({"k": "market_regime"})).await["runJob"]["job"]["id"]
                .as_str()
                .unwrap()
                .to_owned();
            let j = wait_for(&app, &admin, &id, &["succeeded", "failed", "dead"]).await;
            assert_eq!(j["status"], "succeeded", "{j}");
            results.push((id, j["progress"].clone()));
        }
    }
    let d = app.data(&admin, history, json!({})).await;
    let h = d["market"]["regimeHistory"].as_array().unwrap().clone();
    assert_eq!(
        h.len(),
        2,
        "one row per month judged, the repeated run replaced its own: {d}"
    );
    assert_eq!(
        (h[0]["month"].as_str(), h[1]["month"].as_str()),
        (Some("2015-07"), Some("2009-06")),
        "{d}"
    );
    assert_eq!(
        h[0]["label"], d["market"]["regime"]["label"],
        "the stored regime is the computed one: {d}"
    );
    assert_eq!(h[0]["computedBy"], format!("job:market_regime:{}", results[2].0));
    let old = app
        .data(
            &admin,
            "{ market(name: \"Austin\") { regime(asOf: \"2009-06\") { label } } }",
            json!({}),
        )
        .await;
    assert_eq!(h[1]["label"], old["market"]["regime"]["label"], "{old}");
    for (_, p) in &results {
        assert_eq!(p["stored"], 1, "{p}");
    }
    // Only the run over new months can see a change of label, and it names it when there is one.
    let changes = |i: usize| results[i].1["label_changes"].as_array().unwrap().clone();
    assert!(changes(0).is_empty() && changes(1).is_empty(), "{results:?}");
    if h[0]["label"] == h[1]["label"] {
        assert!(changes(2).is_empty(), "{results:?}");
    } else {
        assert_eq!(
            changes(2),
            vec![json!({"market": "Austin", "month": "2015-07", "from": h[1]["label"], "to": h[0]["label"]})]
        );
    }
}

#[tokio::test]
async fn market_regime_stores_each_markets_latest_regime_on_sqlite() {
    market_regime_stores_each_markets_latest_regime(Backend::Sqlite).await;
}

#[tokio::test]
async fn market_regime_stores_each_markets_latest_regime_on_postgres() {
    market_regime_stores_each_markets_latest_regime(Backend::Postgres).await;
}

/// Two instances with a schedule firing every second: each fire time is enqueued once per tenant.
#[tokio::test]
async fn a_schedule_fires_once_across_instances() {
    let Some(first) = spawn_app(Backend::Postgres).await else {
        return;
    };
    first.tenant("alpha").await;
    first.tenant("beta").await;
    let shared = (
        first.state.settings.database.clone(),
        first.state.settings.server.data_dir.clone(),
    );
    let mut instances = Vec::new();
    for _ in 0..2 {
        let shared = shared.clone();
        instances.push(
            spawn_with(Backend::Postgres, move |s| {
                s.database = shared.0;
                s.server.data_dir = shared.1;
                s.jobs.enabled = true;
                s.jobs.poll_ms = 100;
                s.jobs.catch_up_secs = 5;
                s.jobs.schedules = vec![reos::config::JobSchedule {
                    name: "every-second".into(),
                    kind: "graph_sync".into(),
                    cron: "* * * * * *".into(),
                }];
            })
            .await
            .unwrap(),
        );
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    use sea_orm::{ConnectionTrait, Statement};
    let rows = first
        .db()
        .owner
        .query_all_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT tenant_id::text AS t, dedupe_key AS k, count(*) AS n FROM jobs GROUP BY 1, 2".to_owned(),
        ))
        .await
        .unwrap();
    let per_key: Vec<i64> = rows.iter().map(|r| r.try_get::<i64>("", "n").unwrap()).collect();
    assert!(
        per_key.len() >= 4,
        "two tenants × at least two fire times: {}",
        per_key.len()
    );
    assert!(
        per_key.iter().all(|n| *n == 1),
        "a fire time enqueued twice: {per_key:?}"
    );
    drop(instances);
}
