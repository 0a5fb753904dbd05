//! Tests of address normalization and hashing.
use super::*;

fn norm(address: &str, unit: Option<&str>) -> Result<NormalizedAddress, AddressError> {
    normalize(&AddressInput {
        address,
        unit,
        city: "Ames",
        state: "IA",
        zip: "50010",
    })
}

#[test]
fn the_same_address_typed_two_ways_hashes_the_same() {
    let a = norm("123 North Main Street, Apt. 4B", None).unwrap();
    let b = normalize(&AddressInput {
        address: "123 N MAIN ST #4b",
        unit: None,
        city: " ames ",
        state: "Iowa",
        zip: "50010-1234",
    })
    .unwrap();
    assert_eq!(a.normalized, "123 N MAIN ST # 4B, AMES, IA 50010");
    assert_eq!(a.normalized, b.normalized);
    assert_eq!(a.address_hash(), b.address_hash());
    assert_eq!(a.address_hash().len(), 64);
    assert_eq!(a.unit.as_deref(), Some("APT 4B"));
    assert_eq!(b.unit.as_deref(), Some("# 4B"));
}

#[test]
fn different_units_or_streets_hash_differently() {
    let base = norm("123 N Main St Apt 4B", None).unwrap().address_hash();
    assert_ne!(base, norm("123 N Main St Apt 4C", None).unwrap().address_hash());
    assert_ne!(base, norm("123 S Main St Apt 4B", None).unwrap().address_hash());
    assert_ne!(base, norm("123 N Main Ave Apt 4B", None).unwrap().address_hash());
    assert_ne!(base, norm("123 N Main St Bldg 4B", None).unwrap().address_hash());
}

#[test]
fn the_hash_is_sha256_of_the_normalized_string() {
    let a = NormalizedAddress {
        line1: String::new(),
        unit: None,
        city: String::new(),
        state: String::new(),
        zip: String::new(),
        normalized: "abc".into(),
    };
    assert_eq!(
        a.address_hash(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn suffixes_and_directionals_are_abbreviated_in_their_positions() {
    let cases = [
        ("500 northwest Grand Boulevard", "500 NW GRAND BLVD"),
        ("12 Elm Av. South-East", "12 ELM AVE SE"),
        ("7 Lincoln Way", "7 LINCOLN WAY"),
        ("9 Park Avenue Extension", "9 PARK AVENUE EXT"),
        ("1 North Street", "1 NORTH ST"),
        ("2 East West Hwy", "2 E WEST HWY"),
        ("3 Main Str   N", "3 MAIN ST N"),
        ("44 O'Neil Ct.", "44 ONEIL CT"),
        ("12-14 Broadway", "12-14 BROADWAY"),
    ];
    for (input, want) in cases {
        assert_eq!(norm(input, None).unwrap().line1, want, "{input}");
    }
}

#[test]
fn unit_designators_keep_their_numbers() {
    let cases = [
        ("1 Main St Suite 200", "STE 200", "# 200"),
        ("1 Main St, Building 2, Apartment 3", "BLDG 2 APT 3", "BLDG 2 # 3"),
        ("1 Main St Floor 3", "FL 3", "FL 3"),
        ("1 Main St Apt #7", "APT 7", "# 7"),
        ("1 Main St Rear", "REAR", "REAR"),
        ("1 Main St, 4B", "# 4B", "# 4B"),
        ("1 Main St Unit 2", "UNIT 2", "# 2"),
    ];
    for (input, unit, key) in cases {
        let a = norm(input, None).unwrap();
        assert_eq!(a.line1, "1 MAIN ST", "{input}");
        assert_eq!(a.unit.as_deref(), Some(unit), "{input}");
        assert!(
            a.normalized.starts_with(&format!("1 MAIN ST {key},")),
            "{input}: {}",
            a.normalized
        );
    }
}

#[test]
fn street_words_that_look_like_designators_stay_in_the_street() {
    assert_eq!(norm("10 Front St", None).unwrap().line1, "10 FRONT ST");
    assert_eq!(norm("10 Palm Key", None).unwrap().line1, "10 PALM KY");
    assert_eq!(norm("10 Front St", None).unwrap().unit, None);
}

#[test]
fn the_unit_column_is_used_and_must_agree_with_the_line() {
    let a = norm("1 Main St", Some("apt 5")).unwrap();
    assert_eq!(a.unit.as_deref(), Some("APT 5"));
    assert_eq!(a.normalized, norm("1 Main St #5", None).unwrap().normalized);
    assert_eq!(norm("1 Main St", Some("5")).unwrap().normalized, a.normalized);
    assert!(norm("1 Main St Apt 5", Some("#5")).is_ok());
    assert!(matches!(
        norm("1 Main St Apt 5", Some("6")),
        Err(AddressError::ConflictingUnit { .. })
    ));
}

#[test]
fn bad_parts_are_refused_naming_the_field() {
    let field = |r: Result<NormalizedAddress, AddressError>| match r {
        Err(AddressError::Invalid { field, .. } | AddressError::Missing { field }) => field,
        other => panic!("expected an error, got {other:?}"),
    };
    assert_eq!(field(norm("Main Street", None)), "address");
    assert_eq!(field(norm("  ", None)), "address");
    assert_eq!(field(norm("12", None)), "address");
    assert_eq!(field(norm("1 Main St Apt", None)), "address");
    assert_eq!(field(norm("1 Main St, Ames", None)), "address");
    assert_eq!(field(norm("1 Main St", Some("Suite"))), "unit");
    let with = |city: &'static str, state: &'static str, zip: &'static str| {
        normalize(&AddressInput {
            address: "1 Main St",
            unit: None,
            city,
            state,
            zip,
        })
    };
    assert_eq!(field(with("", "IA", "50010")), "city");
    assert_eq!(field(with("Ames", "Iowaa", "50010")), "state");
    assert_eq!(field(with("Ames", "", "50010")), "state");
    for bad in ["5001", "500100", "50010-12", "5OO10", "00000", "50010 1234", ""] {
        assert_eq!(field(with("Ames", "IA", bad)), "zip", "{bad:?}");
    }
}

#[test]
fn zip_plus_four_and_nine_digits_reduce_to_five() {
    for z in ["50010", "50010-1234", "500101234", " 50010 "] {
        let a = normalize(&AddressInput {
            address: "1 Main St",
            unit: None,
            city: "Ames",
            state: "ia",
            zip: z,
        });
        assert_eq!(a.unwrap().zip, "50010", "{z}");
    }
}
