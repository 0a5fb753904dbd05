//! Unit tests of `persistence::changes`.
#[test]
fn a_star_payload_means_every_tenant() {
    let t = uuid::Uuid::now_v7();
    assert_eq!(super::tenant_of(&t.to_string()), Some(t));
    assert_eq!(super::tenant_of("*"), None);
}
