//! `importProperties(input: {runId})` (issue #12, item 9): another tenant's run id, this tenant's
//! used id and a malformed id all get the same BAD_USER_INPUT (no existence oracle, no 500) and
//! write nothing; a fresh id is used as given.
use crate::on_both_backends;
use crate::resolvers::harness::{Harness, code};
use crate::support::snapshot::{assert_unchanged, snapshot};
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

async fn unusable_run_ids_get_one_answer(h: Harness) {
    h.tenant("alpha").await;
    h.tenant("bravo").await;
    let a = h.caller("alpha", Role::Operator);
    let b = h.caller("bravo", Role::Operator);
    let csv = reos::pipeline::synthetic::generate_csv(2);
    let used = uuid::Uuid::new_v4().to_string();
    let d = h.data(&a, IMPORT, json!({"c": csv, "r": used})).await;
    assert_eq!(d["importProperties"]["run"]["id"], used.as_str());

    // Authentication records a caller on first sight; both callers are known before the snapshot.
    h.data(&b, "{ me { id } }", json!({})).await;
    let before = snapshot(&h.db().owner).await;
    let mut answers = Vec::new();
    for (token, id) in [(&b, used.as_str()), (&a, used.as_str()), (&b, "not-a-uuid"), (&a, "")] {
        let body = h.gql(token, IMPORT, json!({"c": csv, "r": id})).await;
        assert!(body["data"].is_null(), "{body}");
        answers.push(answer(&body));
    }
    assert_eq!(answers[0].0, "BAD_USER_INPUT", "{answers:?}");
    assert_eq!(answers[0].1, "input.runId", "{answers:?}");
    assert!(
        answers.iter().all(|x| *x == answers[0]),
        "one answer for every unusable id: {answers:?}"
    );
    assert_unchanged(&before, &snapshot(&h.db().owner).await, "refused run ids");

    // A fresh id works for the other tenant, and the first tenant's run stays its own.
    let fresh = uuid::Uuid::new_v4().to_string();
    let d = h.data(&b, IMPORT, json!({"c": csv, "r": fresh})).await;
    assert_eq!(d["importProperties"]["run"]["id"], fresh.as_str());
    let q = "query($r: ID!) { pipelineRun(id: $r) { id } }";
    let body = h.gql(&h.caller("bravo", Role::Analyst), q, json!({"r": used})).await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
}
on_both_backends!(unusable_run_ids_get_one_answer);
