//! Unit tests of `pipeline::provenance`.
use super::*;
use serde_json::json;

fn ctx() -> WriteContext {
    WriteContext {
        entity: "property".into(),
        source: "import".into(),
        method: "import".into(),
        confidence: 0.8,
        evidence_uri: Some("file://batch.csv#row=3".into()),
        actor: "user:ana".into(),
    }
}

fn map(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[test]
fn a_new_entity_records_every_non_null_field_without_previous_values() {
    let out = merge(
        None,
        &map(json!({"city": "AMES", "bedrooms": 3, "pool_sf": null})),
        &ctx(),
    )
    .unwrap();
    assert_eq!(out.changed, vec!["bedrooms", "city"]);
    assert!(
        out.records
            .iter()
            .all(|r| r.previous_value.is_none() && r.actor == "user:ana")
    );
    assert_eq!(out.merged, map(json!({"city": "AMES", "bedrooms": 3})));
}

#[test]
fn changed_fields_are_recorded_with_what_they_replaced_and_nulls_never_erase() {
    let existing = map(json!({"city": "AMES", "bedrooms": 3, "living_area_sf": 1500.0, "name": "Elm house"}));
    let incoming = map(json!({"city": "AMES", "bedrooms": 4, "living_area_sf": 1500, "name": null, "pool_sf": 0}));
    let out = merge(Some(&existing), &incoming, &ctx()).unwrap();
    assert_eq!(out.changed, vec!["bedrooms", "pool_sf"]);
    assert_eq!(out.records[0].previous_value, Some(json!(3)));
    assert_eq!(out.records[0].value, json!(4));
    assert_eq!(out.records[1].previous_value, None);
    assert_eq!(
        out.merged,
        map(json!({"city": "AMES", "bedrooms": 4, "living_area_sf": 1500.0, "name": "Elm house", "pool_sf": 0}))
    );
}

#[test]
fn re_importing_the_same_values_changes_nothing() {
    let existing = map(json!({"city": "AMES", "bedrooms": 3}));
    let out = merge(Some(&existing), &existing, &ctx()).unwrap();
    assert!(out.is_noop() && out.records.is_empty());
    assert_eq!(out.merged, existing);
}

#[test]
fn merging_a_row_uses_its_named_fields() {
    let row = PropertyRow {
        external_id: "P-1".into(),
        bedrooms: Some(2),
        ..PropertyRow::default()
    };
    let out = merge_row(None, &row, &ctx()).unwrap();
    assert!(out.changed.contains(&"bedrooms".to_string()) && out.changed.contains(&"external_id".to_string()));
    assert!(!out.changed.contains(&"pool_sf".to_string()));
}

#[test]
fn a_bad_context_is_refused() {
    let bad = WriteContext {
        confidence: 1.5,
        ..ctx()
    };
    assert_eq!(
        merge(None, &Map::new(), &bad).unwrap_err(),
        ProvenanceError::Confidence(1.5)
    );
    let bad = WriteContext {
        actor: " ".into(),
        ..ctx()
    };
    assert_eq!(
        merge(None, &Map::new(), &bad).unwrap_err(),
        ProvenanceError::Empty("actor")
    );
}
