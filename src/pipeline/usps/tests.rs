//! Unit tests of `pipeline::usps`.
use super::*;

#[test]
fn every_spelling_maps_to_exactly_one_standard_suffix() {
    let mut seen = HashMap::new();
    for (abbr, names) in SUFFIXES {
        assert!(names.contains(abbr), "{abbr} must map to itself");
        for n in *names {
            assert_eq!(seen.insert(*n, *abbr), None, "{n} appears twice");
        }
    }
    assert!(SUFFIXES.len() >= 100, "only {} suffixes", SUFFIXES.len());
}

#[test]
fn common_suffix_variants_abbreviate_to_the_usps_standard() {
    for (input, want) in [
        ("STREET", "ST"),
        ("STR", "ST"),
        ("AV", "AVE"),
        ("BOULEVARD", "BLVD"),
        ("PKY", "PKWY"),
    ] {
        assert_eq!(street_suffix(input), Some(want), "{input}");
    }
    assert_eq!(street_suffix("MAIN"), None);
}

#[test]
fn directionals_designators_and_states_resolve() {
    assert_eq!(directional("NORTHWEST"), Some("NW"));
    assert_eq!(unit_designator("APARTMENT").map(|d| d.abbr), Some("APT"));
    assert_eq!(unit_designator("REAR").map(|d| d.needs_id), Some(false));
    assert_eq!(state_code("IOWA"), Some("IA"));
    assert_eq!(state_code("DISTRICT OF COLUMBIA"), Some("DC"));
    assert_eq!(state_code("XX"), None);
    assert_eq!(STATES.len(), 59);
}
