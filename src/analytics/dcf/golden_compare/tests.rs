//! Unit tests of `analytics::dcf::golden_compare`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

fn mismatches(e: Value, a: Value) -> Vec<Mismatch> {
    let mut out = Vec::new();
    compare("c", "", &e, &a, &mut out);
    out
}

#[test]
fn numbers_within_one_millionth_relative_match() {
    assert!(mismatches(serde_json::json!({"npv": 1e9}), serde_json::json!({"npv": 1e9 + 100.0})).is_empty());
    assert_eq!(
        mismatches(
            serde_json::json!({"npv": 1e9}),
            serde_json::json!({"npv": 1e9 + 2000.0})
        )
        .len(),
        1
    );
}

#[test]
fn irr_fields_need_1e7_absolute() {
    let e = serde_json::json!({"levered_irr": 0.1});
    assert_eq!(
        mismatches(e.clone(), serde_json::json!({"levered_irr": 0.1000002})).len(),
        1
    );
    assert!(mismatches(e, serde_json::json!({"levered_irr": 0.10000005})).is_empty());
}

#[test]
fn nested_arrays_report_their_path_and_missing_keys_in_expected_are_not_checked() {
    let e = serde_json::json!({"years": [{"noi": 1.0}, {"noi": 2.0}]});
    let a = serde_json::json!({"years": [{"noi": 1.0, "ti": 5.0}, {"noi": 3.0}], "extra": 1});
    let m = mismatches(e, a);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].path, "years[1].noi");
}

#[test]
fn a_key_expected_but_absent_is_a_mismatch() {
    assert_eq!(
        mismatches(serde_json::json!({"dscr_min": 1.2}), serde_json::json!({})).len(),
        1
    );
}
