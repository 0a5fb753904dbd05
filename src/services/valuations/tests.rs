//! Engine field names as API field names.
use super::*;

#[test]
fn engine_fields_read_as_api_fields() {
    assert_eq!(api_field("attrs.living_area_sf", "hazardScore"), "livingAreaSf");
    assert_eq!(api_field("lat", "hazardScore"), "latitude");
    assert_eq!(api_field("hazard", "hazards.compositeScore"), "hazards.compositeScore");
}
