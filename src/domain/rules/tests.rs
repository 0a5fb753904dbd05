//! Unit tests of `domain::rules`.
use super::*;

#[test]
fn a_negative_area_is_refused_with_its_field() {
    match positive("input.livingAreaSf", Some(-3.0)) {
        Err(ApiError::BadInput { field, .. }) => assert_eq!(field, "input.livingAreaSf"),
        other => panic!("expected BadInput, got {other:?}"),
    }
}

#[test]
fn latitude_without_longitude_is_refused() {
    assert!(coordinates("input.", Some(42.0), None).is_err());
    assert!(coordinates("input.", Some(42.0), Some(-93.6)).is_ok());
}

#[test]
fn a_future_year_built_is_refused() {
    assert!(year("input.yearBuilt", Some(chrono::Utc::now().year() + 1)).is_err());
}
