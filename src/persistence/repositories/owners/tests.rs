//! Unit tests of `persistence::repositories::owners`.
use super::normalize_name;

#[test]
fn names_differing_in_case_and_punctuation_normalize_alike() {
    assert_eq!(
        normalize_name("Acme Holdings, L.L.C."),
        normalize_name("ACME  holdings llc")
    );
}
