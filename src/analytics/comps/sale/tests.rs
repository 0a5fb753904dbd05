//! Unit tests of `analytics::comps::sale`.
use super::*;

fn subject() -> Subject {
    Subject {
        lat: 42.0,
        lon: -93.6,
        property_type: "single_family".into(),
        neighborhood: None,
        attrs: Attributes {
            living_area_sf: 1500.0,
            year_built: 1990,
            ..Attributes::default()
        },
        hazard: None,
    }
}

#[test]
fn a_plain_subject_is_valid() {
    let d = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap();
    assert!(subject().validate(d).is_ok());
}

#[test]
fn a_zero_living_area_is_rejected_by_name() {
    let d = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap();
    let mut s = subject();
    s.attrs.living_area_sf = 0.0;
    match s.validate(d) {
        Err(CompError::InvalidSubject { field, .. }) => {
            assert_eq!(field, "attrs.living_area_sf")
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_hazard_outside_the_unit_interval_is_rejected() {
    let d = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap();
    let mut s = subject();
    s.hazard = Some(1.5);
    assert!(matches!(s.validate(d), Err(CompError::InvalidSubject { field, .. }) if field == "hazard"));
}

#[test]
fn quality_labels_map_to_an_ordered_scale() {
    assert_eq!(quality_level("Typical"), Some(3.0));
    assert!(quality_level("Excellent") > quality_level("Good"));
    assert_eq!(quality_level("unknown"), None);
}
