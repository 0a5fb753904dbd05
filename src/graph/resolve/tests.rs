//! Unit tests of `graph::resolve`.
use super::*;

fn row(n: u128, name: &str, tax: Option<&str>) -> OwnerRow {
    OwnerRow {
        id: Uuid::from_u128(n),
        name: name.into(),
        tax_id: tax.map(Into::into),
    }
}

#[test]
fn llc_spellings_and_punctuation_are_one_name() {
    let a = canonical_name("Acme Holdings, L.L.C.");
    for other in [
        "ACME HOLDINGS LLC",
        "Acme Holdings L. L. C.",
        "Acme Holdings Limited Liability Company",
        "The Acme Holdings, LLC",
    ] {
        assert_eq!(canonical_name(other), a, "{other}");
    }
    assert_eq!(canonical_name("Birch Incorporated"), canonical_name("birch inc."));
    assert_ne!(canonical_name("Acme Holdings LLC"), canonical_name("Acme Holdings Inc"));
}

#[test]
fn tax_ids_compare_by_letters_and_digits() {
    assert_eq!(tax_key(Some("12-3456789")), tax_key(Some(" 123456789 ")));
    assert_eq!(tax_key(Some(" - ")), None);
}

#[test]
fn same_tax_id_merges_different_spellings_and_a_missing_tax_id_joins_by_name() {
    let rows = [
        row(1, "Acme Holdings LLC", Some("12-3456789")),
        row(2, "ACME Hldgs", Some("123456789")),
        row(3, "Acme Holdings, L.L.C.", None),
        row(4, "Birch Inc", None),
    ];
    let groups = resolve_owners(&rows);
    assert_eq!(groups.len(), 2);
    let acme = groups.iter().find(|(k, _)| k == "tax:123456789").map(|(_, r)| r.len());
    assert_eq!(acme, Some(3));
}

#[test]
fn one_name_with_two_tax_ids_is_two_owners_and_the_untaxed_row_stays_apart() {
    let rows = [
        row(1, "Oak LLC", Some("1")),
        row(2, "Oak LLC", Some("2")),
        row(3, "Oak L.L.C.", None),
    ];
    let keys: Vec<String> = resolve_owners(&rows).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["name:oak llc", "tax:1", "tax:2"]);
}
