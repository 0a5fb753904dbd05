//! Unit tests of `services::property_import::map`.
use super::*;

#[test]
fn a_remodel_before_construction_and_a_lone_latitude_are_refused_before_the_database_sees_them() {
    let m = json!({"year_built": 2000, "year_remodeled": 1990, "latitude": 42.0});
    let got: Vec<&str> = db_conflicts(m.as_object().unwrap()).iter().map(|c| c.0).collect();
    assert_eq!(got, vec!["year_remodeled", "longitude"]);
}

#[test]
fn a_property_or_owner_type_outside_the_stored_sets_is_refused_before_the_database_sees_it() {
    let m = json!({"property_type": "castle", "owner_type": "llc"});
    let got = db_conflicts(m.as_object().unwrap());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "property_type");
    let why = &got[0].1;
    assert!(why.starts_with("`castle` is none of single_family, condo"), "{why}");
    let m = json!({"property_type": "condo", "owner_type": "Sole Proprietor"});
    let got: Vec<&str> = db_conflicts(m.as_object().unwrap()).iter().map(|c| c.0).collect();
    assert_eq!(got, vec!["owner_type"]);
}

#[test]
fn applying_a_map_keeps_what_it_does_not_name() {
    let base = property::Model {
        external_id: Some("P-1".into()),
        address_line1: "1 ELM ST".into(),
        city: "AMES".into(),
        state: "IA".into(),
        postal_code: Some("50010".into()),
        living_area_sf: Some(900.0),
        bedrooms: Some(2),
        ..property::Model::blank(
            uuid::Uuid::nil(),
            uuid::Uuid::nil(),
            PropertyType::Condo,
            chrono::Utc::now(),
        )
    };
    let mut m = to_map(&base);
    m.insert("bedrooms".into(), json!(3));
    let out = apply(base.clone(), &m);
    assert_eq!(
        (out.bedrooms, out.living_area_sf, out.city.as_str()),
        (Some(3), Some(900.0), "AMES")
    );
}
