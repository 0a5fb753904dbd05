//! Hardening (issue #12): deactivated users lose access at once, far-future token expiries do
//! not panic, a database outage answers 503 with the request id and turns /readyz red within a
//! second, and compute-heavy fields are priced by their work and refused before they run.
use crate::both_backends;
use crate::support::test_app::{Backend, TestApp, code, pg_admin_url, spawn_app, spawn_with};
use reos::auth::Role;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Deactivates the user behind `token` (as an admin of `tenant`).
async fn deactivate(app: &TestApp, tenant: &str, token: &str) {
    let me = app.data(token, "{ me { id subject } }", json!({})).await;
    let admin = app.token(tenant, Role::Admin);
    let d = app
        .data(
            &admin,
            "mutation($id: ID!) { updateUser(input: {id: $id, active: false}) { user { active } } }",
            json!({"id": me["me"]["id"]}),
        )
        .await;
    assert_eq!(d["updateUser"]["user"]["active"], false);
}

async fn deactivated_users_are_refused_at_once(app: TestApp) {
    app.tenant("alpha").await;
    let analyst = app.token("alpha", Role::Analyst);
    deactivate(&app, "alpha", &analyst).await;
    let (status, body) = app.gql(Some(&analyst), "{ me { subject } }", json!({})).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(code(&body), "FORBIDDEN");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "USER_DEACTIVATED");
    // A fresh token of the same user, over GET, and a document download: refused too.
    let fresh = app.token("alpha", Role::Analyst);
    let get = app
        .client
        .get(format!("{}/graphql?query=%7Bme%7Bsubject%7D%7D", app.url))
        .bearer_auth(&fresh)
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 403);
    let doc = app
        .client
        .get(format!("{}/documents/{}", app.url, uuid::Uuid::new_v4()))
        .bearer_auth(&fresh)
        .send()
        .await
        .unwrap();
    assert_eq!(doc.status(), 403);
    // Other users of the tenant are not affected.
    let other = app.token("alpha", Role::Viewer);
    assert_eq!(
        app.data(&other, "{ me { role } }", json!({})).await["me"]["role"],
        "VIEWER"
    );
}
both_backends!(deactivated_users_are_refused_at_once);

/// A validly signed token with `exp` near 1e19 used to panic the request.
async fn a_far_future_expiry_is_no_panic(app: TestApp) {
    app.tenant("alpha").await;
    let now = jsonwebtoken::get_current_timestamp();
    let token = app
        .dev
        .mint(
            "alpha",
            Role::Viewer,
            Duration::from_secs(10_000_000_000_000_000_000 - now),
        )
        .unwrap();
    for _ in 0..2 {
        let (status, body) = app.gql(Some(&token), "{ me { role } }", json!({})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["data"]["me"]["role"], "VIEWER");
    }
}
both_backends!(a_far_future_expiry_is_no_panic);

/// Ten aliases of a 100,000-path Monte Carlo ran 15 s on both cores and were charged 10 units;
/// now the request is priced by paths × months and the role's work cap refuses it before anything
/// runs, with rate limiting on or off.
async fn monte_carlo_is_priced_by_its_work(backend: Backend) {
    let input = super::dcf::graphql_input(include_str!("../../golden/dcf/denver-office/input.json"));
    let field = |i: usize| {
        format!(
            "a{i}: dcfMonteCarlo(input: $i, paths: 100000, seed: 1, \
             spec: {{exitCapRate: {{normal: {{mean: 0.0675, stdDev: 0.003}}}}}}) {{ npv {{ mean }} }}"
        )
    };
    let many: String = (0..10).map(field).collect::<Vec<_>>().join(" ");
    let query = format!("query($i: DcfInput!) {{ {many} }}");
    for metered in [true, false] {
        let Some(app) = spawn_with(backend, |s| s.rate_limit.limiter.enabled = metered).await else {
            return;
        };
        app.tenant("alpha").await;
        let t = app.token("alpha", Role::Analyst);
        let started = Instant::now();
        let (_, body) = app.gql(Some(&t), &query, json!({"i": input})).await;
        let err = &body["errors"][0];
        assert_eq!(err["extensions"]["code"], "QUERY_TOO_COMPLEX", "{body}");
        assert!(err["message"].as_str().unwrap().contains("units of work"), "{body}");
        // Refused before it ran: a single 100,000-path run alone takes seconds.
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    }
}

#[tokio::test]
async fn monte_carlo_is_priced_by_its_work_on_sqlite() {
    monte_carlo_is_priced_by_its_work(Backend::Sqlite).await;
}

#[tokio::test]
async fn monte_carlo_is_priced_by_its_work_on_postgres() {
    monte_carlo_is_priced_by_its_work(Backend::Postgres).await;
}

/// With the database gone, a request answers 503 with `extensions.requestId` and `x-request-id`,
/// and /readyz turns red within about a second.
#[tokio::test]
async fn a_database_outage_is_a_503_with_the_request_id() {
    use sea_orm::ConnectionTrait;
    use secrecy::ExposeSecret;
    let Some(admin) = pg_admin_url() else { return };
    let app = spawn_app(Backend::Postgres).await.unwrap();
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Viewer);
    app.data(&t, "{ me { role } }", json!({})).await;
    let url = app
        .state
        .settings
        .database
        .url
        .as_ref()
        .unwrap()
        .expose_secret()
        .to_owned();
    let db = url.rsplit('/').next().unwrap().to_owned();
    let conn = sea_orm::Database::connect(&admin).await.unwrap();
    conn.execute_unprepared(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS false"))
        .await
        .unwrap();
    conn.execute_unprepared(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'"
    ))
    .await
    .unwrap();
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&t)
        .json(&json!({"query": "{ properties { totalCount } }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    let header = res
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_owned());
    let body: Value = res.json().await.unwrap();
    let id = body["errors"][0]["extensions"]["requestId"].as_str().map(str::to_owned);
    assert!(id.is_some(), "{body}");
    assert_eq!(header, id, "{body}");
    let started = Instant::now();
    let ready = app.client.get(format!("{}/readyz", app.url)).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    conn.execute_unprepared(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true"))
        .await
        .unwrap();
}

/// The role's work cap applies to the whole request: a batch of two 100,000-path Monte Carlos
/// (each under the cap alone) is refused before it runs, also with rate limiting off.
#[tokio::test]
async fn a_batch_is_capped_as_a_whole() {
    let Some(app) = spawn_with(Backend::Sqlite, |s| s.rate_limit.limiter.enabled = false).await else {
        return;
    };
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Analyst);
    let input = super::dcf::graphql_input(include_str!("../../golden/dcf/denver-office/input.json"));
    let op = json!({
        "query": "query($i: DcfInput!) { dcfMonteCarlo(input: $i, paths: 100000, seed: 1, spec: {exitCapRate: {normal: {mean: 0.0675, stdDev: 0.003}}}) { paths } }",
        "variables": {"i": input}
    });
    let started = Instant::now();
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&t)
        .json(&json!([op, op]))
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

/// Only roles that may upload can make the server receive a multipart body: a viewer's upload
/// is refused (403) before any of it is read or any of the upload budget is reserved.
#[tokio::test]
async fn uploads_need_an_uploading_role() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    app.tenant("alpha").await;
    let viewer = app.token("alpha", Role::Viewer);
    let pdf: &[u8] = b"%PDF-1.4\n%%EOF\n";
    let files: &[crate::support::multipart::File] = &[("a.pdf", "application/pdf", pdf)];
    let query = "mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { documents { id } } }";
    let (ctype, body) =
        crate::support::multipart::multipart(query, json!({"propertyId": uuid::Uuid::new_v4().to_string()}), files);
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&viewer)
        .header("content-type", ctype)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["errors"][0]["extensions"]["reason"], "UPLOAD_NOT_ALLOWED",
        "{body}"
    );
}
