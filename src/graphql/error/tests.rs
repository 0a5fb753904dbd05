//! Unit tests of `graphql::error`.
use super::*;
use async_graphql::ErrorExtensions;

#[test]
fn bad_input_names_the_field_in_extensions() {
    let err = ApiError::bad_input("input.listPrice", "must be positive").extend();
    let ext = err.extensions.expect("extensions");
    assert_eq!(
        ext.get("code").map(|v| v.to_string()),
        Some("\"BAD_USER_INPUT\"".into())
    );
    assert_eq!(
        ext.get("field").map(|v| v.to_string()),
        Some("\"input.listPrice\"".into())
    );
}

#[test]
fn internal_errors_are_masked() {
    let err = ApiError::Internal(anyhow::anyhow!("password=hunter2 at db")).extend();
    assert_eq!(err.message, "internal error");
}
