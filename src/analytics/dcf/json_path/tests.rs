//! Unit tests of `analytics::dcf::json_path`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

#[test]
fn path_names_nested_array_elements_and_keys() {
    let text = r#"{"a": 1, "leases": [{"x": 1}, {"area_sf": "#;
    assert_eq!(path_at(text, text.len()), "leases[1].area_sf");
}

#[test]
fn an_unknown_field_is_reported_at_its_path() {
    let text = r#"{"kind": "commercial", "loan": {"rate": 0.05, "ratee": 1}}"#;
    let e = serde_json::from_str::<super::super::input::RawDcfInput>(text).unwrap_err();
    let err = json_error(text, &e);
    assert_eq!(err.field(), "loan.ratee");
}
