//! The property pipeline's trust and provenance through GraphQL: a gate warning lowers a value's
//! trust, mutations record field history, and an import appends OpenLineage run events to the
//! configured file.
use crate::on_both_backends;
use crate::resolvers::harness::Harness;
use crate::support::test_app::Backend;
use serde_json::json;

const APARTMENTS: &str = r#"{"external_id":"M-1","address":"200 Oak Avenue","city":"Ames","state":"IA","zip":"50010","property_type":"multifamily","units_count":40,"list_price":6000000,"unit_mix":[{"unit_type":"1BR","units":24,"current_rent":1100,"market_rent":1200},{"unit_type":"2BR","units":16,"current_rent":1450,"market_rent":1500}]}"#;

const IMPORT: &str = "mutation($t: String!) { importProperties(input: {csv: $t, format: JSONL, source: \"mls\"}) {
    run { id checksum outcome } } }";
const FIELDS: &str = "{ properties(first: 1) { edges { node {
    built: field(name: \"year_built\") { trust } area: field(name: \"living_area_sf\") { trust } } } } }";

/// A living area over 20,000 sf is a warning: the value is written, with half the validation.
async fn warned_values_are_trusted_less(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", reos::auth::Role::Operator);
    let row = r#"{"external_id":"W-1","address":"5 Birch Road","city":"Ames","state":"IA","zip":"50010","property_type":"single_family","year_built":2001,"living_area_sf":25000}"#;
    let d = h.data(&op, IMPORT, json!({"t": row})).await;
    assert_eq!(d["importProperties"]["run"]["outcome"], "succeeded");
    let d = h.data(&op, FIELDS, json!({})).await;
    let node = &d["properties"]["edges"][0]["node"];
    let (built, area) = (
        node["built"]["trust"].as_f64().unwrap(),
        node["area"]["trust"].as_f64().unwrap(),
    );
    // trust = … + 0.30·validation: 1 for the clean value, 0.5 for the warned one.
    assert!((built - area - 0.15).abs() < 1e-9, "{built} {area}");
}
on_both_backends!(warned_values_are_trusted_less);

async fn openlineage_events_are_appended_to_the_configured_file(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lineage.jsonl");
    let dest = path.display().to_string();
    let Some(h) = Harness::with(backend, |s| s.pipeline.openlineage_url = Some(dest)).await else {
        return;
    };
    h.tenant("alpha").await;
    let op = h.caller("alpha", reos::auth::Role::Operator);
    let d = h.data(&op, IMPORT, json!({"t": APARTMENTS})).await;
    let run = &d["importProperties"]["run"];
    let text = std::fs::read_to_string(&path).unwrap();
    let events: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let kinds: Vec<_> = events.iter().map(|e| e["eventType"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["START", "COMPLETE"]);
    for e in &events {
        assert_eq!(e["run"]["runId"], run["id"]);
        assert_eq!(e["inputs"][0]["facets"]["reos_input"]["sha256"], run["checksum"]);
        assert!(e["job"]["namespace"].as_str().unwrap().starts_with("reos://tenant/"));
    }
    assert_eq!(events[1]["run"]["facets"]["reos_run"]["counts"]["unit_types"], 2);
}

#[tokio::test]
async fn openlineage_events_are_appended_to_the_configured_file_on_sqlite() {
    openlineage_events_are_appended_to_the_configured_file(Backend::Sqlite).await;
}

#[tokio::test]
async fn openlineage_events_are_appended_to_the_configured_file_on_postgres() {
    openlineage_events_are_appended_to_the_configured_file(Backend::Postgres).await;
}

const HISTORY: &str = "query($id: ID!) { property(id: $id) {
    field(name: \"living_area_sf\") { value history { value previousValue source method confidence evidenceUri } } } }";

/// Mutations record provenance too: the create, then the change with the value it replaced.
async fn mutations_record_field_provenance(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", reos::auth::Role::Operator);
    let id = h.create_property(&op, "Ames").await;
    let update = "mutation($i: UpdatePropertyInput!) { updateProperty(input: $i) { property { id } } }";
    h.data(&op, update, json!({"i": {"id": id, "livingAreaSf": 1720.0}}))
        .await;
    let d = h.data(&op, HISTORY, json!({"id": id})).await;
    let f = &d["property"]["field"];
    assert_eq!(f["value"], 1720.0);
    let h = f["history"].as_array().unwrap();
    assert_eq!(h.len(), 2, "{f}");
    assert_eq!(
        (h[0]["value"].as_f64(), h[0]["previousValue"].as_f64()),
        (Some(1720.0), Some(1500.0))
    );
    assert_eq!(h[1]["previousValue"], serde_json::Value::Null);
    for c in h {
        assert_eq!(
            (c["source"].as_str(), c["method"].as_str()),
            (Some("user"), Some("mutation"))
        );
        assert!(c["evidenceUri"].as_str().unwrap().starts_with("request:"));
    }
}
on_both_backends!(mutations_record_field_provenance);
