//! `importProperties(input: {runId})` (issue #12, item 9): another tenant's run id, this tenant's
//! used id and a malformed id all get the same BAD_USER_INPUT (no existence oracle, no 500) and
//! write nothing; a fresh id is used as given.
use crate::both_backends;
use crate::helpers::TestApp;
use crate::read_only::{assert_unchanged, snapshot};
use reos::auth::Role;
use serde_json::{Value, json};

const IMPORT: &str = "mutation($c: String!, $r: ID) { importProperties(input: {csv: $c, source: \"mls\", runId: $r}) {
    run { id outcome } } }";

/// (code, field, message) of the first error.
fn answer(body: &Value) -> (String, String, String) {
    let e = &body["errors"][0];
    let s = |v: &Value| v.as_str().unwrap_or("<none>").to_owned();
    (
        s(&e["extensions"]["code"]),
        s(&e["extensions"]["field"]),
        s(&e["message"]),
    )
}

async fn unusable_run_ids_get_one_answer(app: TestApp) {
    app.tenant("alpha").await;
    app.tenant("bravo").await;
    let a = app.token("alpha", Role::Operator);
    let b = app.token("bravo", Role::Operator);
    let csv = reos::cli_pipeline::bench::generate_csv(2);
    let used = uuid::Uuid::new_v4().to_string();
    let d = app.data(&a, IMPORT, json!({"c": csv, "r": used})).await;
    assert_eq!(d["importProperties"]["run"]["id"], used.as_str());

    // Authentication records a caller on first sight; both callers are known before the snapshot.
    app.data(&b, "{ me { id } }", json!({})).await;
    let before = snapshot(&app).await;
    let mut answers = Vec::new();
    for (token, id) in [(&b, used.as_str()), (&a, used.as_str()), (&b, "not-a-uuid"), (&a, "")] {
        let (status, body) = app.gql(Some(token), IMPORT, json!({"c": csv, "r": id})).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["data"].is_null(), "{body}");
        answers.push(answer(&body));
    }
    assert_eq!(answers[0].0, "BAD_USER_INPUT", "{answers:?}");
    assert_eq!(answers[0].1, "input.runId", "{answers:?}");
    assert!(
        answers.iter().all(|x| *x == answers[0]),
        "one answer for every unusable id: {answers:?}"
    );
    assert_unchanged(&before, &snapshot(&app).await, "refused run ids");

    // A fresh id works for the other tenant, and the first tenant's run stays its own.
    let fresh = uuid::Uuid::new_v4().to_string();
    let d = app.data(&b, IMPORT, json!({"c": csv, "r": fresh})).await;
    assert_eq!(d["importProperties"]["run"]["id"], fresh.as_str());
    let q = "query($r: ID!) { pipelineRun(id: $r) { id } }";
    let (_, body) = app
        .gql(Some(&app.token("bravo", Role::Analyst)), q, json!({"r": used}))
        .await;
    assert_eq!(crate::helpers::code(&body), "NOT_FOUND", "{body}");
}
both_backends!(unusable_run_ids_get_one_answer);
