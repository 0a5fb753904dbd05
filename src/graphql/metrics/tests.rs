//! Unit tests of `graphql::metrics`.
use super::*;

#[test]
fn client_chosen_names_cannot_grow_the_label_set_without_bound() {
    assert_eq!(name_label(None), "anonymous");
    assert_eq!(name_label(Some("bad name!")), "invalid");
    assert_eq!(name_label(Some("GetMe")), "GetMe");
    for i in 0..(MAX_NAMES * 2) {
        name_label(Some(&format!("Flood{i}")));
    }
    assert_eq!(name_label(Some("BrandNewAfterFlood")), "other");
    assert_eq!(name_label(Some("GetMe")), "GetMe", "known names stay");
}
