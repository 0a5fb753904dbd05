//! The response cache on PostgreSQL: a repeated query is served from memory, per tenant and
//! token; a mutation through the API is visible to the next read at once; a write behind the API
//! (another server, `reos import`, psql) drops the writer's tenant's entries through
//! `NOTIFY reos_changes`, and only that tenant's. SQLite has no cache.
use crate::support::test_app::{Backend, TestApp, spawn_with};
use reos::auth::Role;
use reos::persistence::TenantTx;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const LIST: &str = "{ properties { edges { node { id name } } } }";

/// POSTs a query; returns the `X-Cache` header ("" when absent) and the body.
async fn query(app: &TestApp, token: &str, q: &str, variables: Value) -> (String, Value) {
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(token)
        .json(&json!({"query": q, "variables": variables}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cache = res
        .headers()
        .get("x-cache")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body: Value = res.json().await.unwrap();
    assert!(body.get("errors").is_none(), "{body}");
    (cache, body)
}

fn names(body: &Value) -> Vec<String> {
    body["data"]["properties"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Waits until the notification listener is connected (until then nothing is cached).
async fn wait_until_live(app: &TestApp, token: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while query(app, token, "{ __typename }", json!({})).await.0.is_empty() {
        assert!(Instant::now() < deadline, "the response cache never came on");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Renames every property of `tenant` in a transaction of the service role, as another process would.
async fn rename_behind_the_api(app: &TestApp, tenant: uuid::Uuid, name: &str) {
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    let stmt = sea_orm::Statement::from_sql_and_values(
        sea_orm::DbBackend::Postgres,
        "UPDATE properties SET name = $1",
        [name.into()],
    );
    tx.conn().await.unwrap().execute_raw(stmt).await.unwrap();
    tx.commit().await.unwrap();
}

/// Queries until the names change (a miss), failing after 10 s.
async fn until_names(app: &TestApp, token: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (cache, body) = query(app, token, LIST, json!({})).await;
        if names(&body).iter().all(|n| n == want) {
            assert_eq!(cache, "miss", "a changed answer must have been recomputed");
            return;
        }
        assert_eq!(cache, "hit", "an unchanged answer comes from the cache");
        assert!(Instant::now() < deadline, "the write behind the API was never seen");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn cached_responses_follow_every_write_of_their_tenant_on_postgres() {
    let on = |s: &mut reos::config::Settings| s.graphql.response_cache.enabled = true;
    let Some(app) = spawn_with(Backend::Postgres, on).await else {
        return;
    };
    let alpha = app.tenant("alpha").await;
    let bravo = app.tenant("bravo").await;
    let a = app.token("alpha", Role::Admin);
    let b = app.token("bravo", Role::Admin);
    // Authentication records each caller on first sight (a write of its tenant, announced by an
    // asynchronous notification): every token this test uses makes its first request here, before
    // anything is cached.
    let viewer = app.token("alpha", Role::Viewer);
    app.data(&viewer, "{ me { role } }", json!({})).await;
    let pa = app.create_property(&a, "Ames").await;
    app.create_property(&b, "Boone").await;
    wait_until_live(&app, &a).await;

    let (first, body1) = query(&app, &a, LIST, json!({})).await;
    let (second, body2) = query(&app, &a, LIST, json!({})).await;
    assert_eq!((first.as_str(), second.as_str()), ("miss", "hit"));
    assert_eq!(body1, body2);
    // Other variables, and another token of the same tenant, are entries of their own.
    let (other, _) = query(&app, &a, LIST, json!({"unused": 1})).await;
    assert_eq!(other, "miss");
    assert_eq!(query(&app, &viewer, LIST, json!({})).await.0, "miss");

    // A mutation through this server: the very next read sees it.
    let rename = "mutation($i: UpdatePropertyInput!) { updateProperty(input: $i) { property { id } } }";
    let (_, _) = query(&app, &a, rename, json!({"i": {"id": pa, "name": "Renamed"}})).await;
    let (after, body) = query(&app, &a, LIST, json!({})).await;
    assert_eq!(after, "miss");
    assert_eq!(names(&body), vec!["Renamed"]);
    assert_eq!(query(&app, &a, LIST, json!({})).await.0, "hit");

    // A write of bravo behind the API: bravo's entry goes, alpha's stays.
    query(&app, &b, LIST, json!({})).await;
    assert_eq!(query(&app, &b, LIST, json!({})).await.0, "hit");
    rename_behind_the_api(&app, bravo, "Bravo by SQL").await;
    until_names(&app, &b, "Bravo by SQL").await;
    let (cache, body) = query(&app, &a, LIST, json!({})).await;
    assert_eq!(cache, "hit", "another tenant's write must not drop alpha's entries");
    assert_eq!(names(&body), vec!["Renamed"]);

    // And a write of alpha behind the API reaches alpha.
    rename_behind_the_api(&app, alpha, "Alpha by SQL").await;
    until_names(&app, &a, "Alpha by SQL").await;
}

#[tokio::test]
async fn sqlite_has_no_response_cache() {
    let on = |s: &mut reos::config::Settings| s.graphql.response_cache.enabled = true;
    let app = spawn_with(Backend::Sqlite, on).await.unwrap();
    app.tenant("alpha").await;
    let a = app.token("alpha", Role::Admin);
    for _ in 0..2 {
        assert_eq!(query(&app, &a, LIST, json!({})).await.0, "");
    }
}
