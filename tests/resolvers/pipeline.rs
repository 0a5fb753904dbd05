//! A property import through GraphQL: operators import, the run and its counts are recorded and
//! readable by analysts, every imported field carries its provenance and trust, and viewers and
//! analysts are refused what their role does not allow.
use crate::on_both_backends;
use crate::resolvers::harness::{Harness, code};
use reos::pipeline::fixtures::{FixtureSpec, build};

/// The Ames sales shipped in `data/`. Always `Some`: the file is part of the repository, so a
/// missing file fails the test instead of skipping it.
fn ames() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ames-sales.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the repository ships this file)", path.display()));
    Some(text)
}

const IMPORT: &str = "mutation($t: String!) { importProperties(input: {csv: $t, format: JSONL, source: \"mls\"}) {
    run { id outcome fileName checksum source counts modelVersions gateResults { row field severity } }
    problems { row field severity } mergedRows } }";
const RUNS: &str = "{ pipelineRuns(first: 5) { totalCount edges { node { id outcome counts timings } } } }";
const TRUST: &str = "{ properties(first: 3) { edges { node { id
    field(name: \"bedrooms\") { value trust history { value previousValue source method confidence actor recordedAt } }
    trust { mean min weakestField fields } } } } }";

async fn graphql_import_runs_and_trust(h: Harness) {
    let Some(ames) = ames() else { return };
    let fixture = build(&ames, &FixtureSpec::default()).unwrap();
    h.tenant("alpha").await;
    let op = h.caller("alpha", reos::auth::Role::Operator);
    let analyst = h.caller("alpha", reos::auth::Role::Analyst);
    let body = h
        .gql(&analyst, IMPORT, serde_json::json!({"t": fixture.to_jsonl()}))
        .await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");

    let d = h.data(&op, IMPORT, serde_json::json!({"t": fixture.to_jsonl()})).await;
    let p = &d["importProperties"];
    assert_eq!(p["run"]["outcome"], "succeeded");
    assert_eq!(p["run"]["source"], "mls");
    assert_eq!(
        p["run"]["counts"]["read"].as_u64().unwrap() as usize,
        fixture.records.len()
    );
    assert!(p["run"]["counts"]["merged"].as_u64().unwrap() > 0);
    assert_eq!(p["run"]["checksum"].as_str().unwrap().len(), 64);
    assert!(!p["mergedRows"].as_array().unwrap().is_empty());
    assert!(
        p["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["severity"] == "rejected")
    );

    let d = h.data(&analyst, RUNS, serde_json::json!({})).await;
    assert_eq!(d["pipelineRuns"]["totalCount"], 1);
    let id = d["pipelineRuns"]["edges"][0]["node"]["id"].as_str().unwrap().to_owned();
    let d = h
        .data(
            &analyst,
            "query($id: ID!) { pipelineRun(id: $id) { outcome } }",
            serde_json::json!({"id": id}),
        )
        .await;
    assert_eq!(d["pipelineRun"]["outcome"], "succeeded");

    let d = h.data(&analyst, TRUST, serde_json::json!({})).await;
    for e in d["properties"]["edges"].as_array().unwrap() {
        let f = &e["node"]["field"];
        let latest = &f["history"][0];
        assert_eq!(
            (latest["source"].as_str(), latest["method"].as_str()),
            (Some("mls"), Some("import"))
        );
        assert_eq!(latest["value"], f["value"]);
        let t = f["trust"].as_f64().unwrap();
        assert!(t > 0.5 && t <= 1.0, "{t}");
        let s = &e["node"]["trust"];
        assert!(s["fields"].as_i64().unwrap() > 10);
        assert!(s["min"].as_f64().unwrap() <= s["mean"].as_f64().unwrap() + 1e-12);
    }
    let viewer = h.caller("alpha", reos::auth::Role::Viewer);
    let body = h.gql(&viewer, RUNS, serde_json::json!({})).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");
}
on_both_backends!(graphql_import_runs_and_trust);
