//! Unit tests of `persistence::object_store`.
use super::*;

fn tenant(n: u128) -> TenantId {
    TenantId::for_tests(Uuid::from_u128(n))
}

#[test]
fn keys_are_the_documented_shape() {
    let d = Uuid::from_u128(7);
    let k = ObjectKey::new(tenant(1), d, "lease.pdf").unwrap();
    assert_eq!(k.as_str(), format!("tenants/{}/documents/{d}/lease.pdf", tenant(1)));
}

#[test]
fn unsafe_names_are_refused_not_encoded() {
    for bad in ["../x", "a/b", "..", "", "a\\b", "a%2Fb"] {
        assert!(ObjectKey::new(tenant(1), Uuid::nil(), bad).is_err(), "{bad}");
    }
}

#[test]
fn a_stored_key_of_another_tenant_is_refused() {
    let k = ObjectKey::new(tenant(2), Uuid::nil(), "a.pdf").unwrap();
    assert!(matches!(
        ObjectKey::stored(tenant(1), k.as_str()),
        Err(StoreError::ForeignKey)
    ));
    assert!(ObjectKey::stored(tenant(2), k.as_str()).is_ok());
    let sneaky = format!("tenants/{}/../{}/x", tenant(1), tenant(2));
    assert!(ObjectKey::stored(tenant(1), &sneaky).is_err());
}
