//! Unit tests of `auth::claims`.
use super::*;
use serde_json::json;

fn claims(value: Value) -> Claims {
    match value {
        Value::Object(map) => map,
        other => panic!("test claims must be an object, got {other}"),
    }
}

#[test]
fn roles_come_from_an_array_and_from_keycloak_realm_access_deduplicated_highest_first() {
    let c = claims(json!({
        "sub": "u1", "tenant": "acme", "roles": ["viewer", "analyst"],
        "realm_access": {"roles": ["offline_access", "analyst", "admin"]}
    }));
    let p = principal_from_claims(&c, "tenant").unwrap();
    assert_eq!(p.roles, vec![Role::Admin, Role::Analyst, Role::Viewer]);
}

#[test]
fn a_space_separated_roles_string_is_split_and_unknown_names_ignored() {
    let c = claims(json!({"sub": "u1", "tenant": "acme", "roles": "operator  root viewer"}));
    let p = principal_from_claims(&c, "tenant").unwrap();
    assert_eq!(p.roles, vec![Role::Operator, Role::Viewer]);
}

#[test]
fn the_tenant_claim_name_is_configurable() {
    let c = claims(json!({"sub": "u1", "org": "acme", "email": "a@b.c", "name": 5}));
    let p = principal_from_claims(&c, "org").unwrap();
    assert_eq!(p.tenant, "acme");
    assert_eq!(p.email.as_deref(), Some("a@b.c"));
    assert_eq!(p.name, None);
    let err = principal_from_claims(&c, "tenant").unwrap_err();
    assert_eq!(err.code(), "MISSING_TENANT");
}

#[test]
fn an_empty_or_non_string_tenant_is_rejected() {
    let empty = claims(json!({"sub": "u1", "tenant": " "}));
    assert_eq!(
        principal_from_claims(&empty, "tenant").unwrap_err().code(),
        "MISSING_TENANT"
    );
    let number = claims(json!({"sub": "u1", "tenant": 7}));
    assert_eq!(
        principal_from_claims(&number, "tenant").unwrap_err().code(),
        "MALFORMED_TOKEN"
    );
}

#[test]
fn a_token_without_subject_is_malformed() {
    let c = claims(json!({"tenant": "acme"}));
    assert_eq!(
        principal_from_claims(&c, "tenant").unwrap_err(),
        AuthError::malformed("claim `sub` is required")
    );
}
