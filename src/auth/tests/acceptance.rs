//! Tokens that must be accepted, and the principal they produce, for every static key source.

use serde_json::json;

use super::*;
use crate::auth::Role;

#[tokio::test]
async fn an_rs256_token_from_the_jwks_yields_its_principal() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key, &ec_key("ec-1")]);
    let principal = verifier.verify(Some(&sign(key, &valid_claims()))).await.unwrap();
    assert_eq!(principal.subject, "user-1");
    assert_eq!(principal.tenant, "acme");
    assert_eq!(principal.roles, vec![Role::Analyst]);
    assert_eq!(principal.email.as_deref(), Some("ana@acme.test"));
    assert!(principal.has_at_least(Role::Viewer));
    assert!(!principal.has_at_least(Role::Operator));
}

#[tokio::test]
async fn an_es256_token_with_a_lowercase_bearer_scheme_is_accepted() {
    let key = ec_key("ec-1");
    let verifier = static_verifier(&[shared_rsa(), &key]);
    let header = sign(&key, &valid_claims()).replacen("Bearer", "bearer", 1);
    let principal = verifier.verify(Some(&header)).await.unwrap();
    assert_eq!(principal.tenant, "acme");
}

#[tokio::test]
async fn keycloak_realm_access_roles_are_read_and_foreign_roles_ignored() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims.as_object_mut().unwrap().remove("roles");
    claims["realm_access"] = json!({"roles": ["offline_access", "operator", "default-roles-reos"]});
    claims["aud"] = json!(["account", AUDIENCE]);
    let principal = verifier.verify(Some(&sign(key, &claims))).await.unwrap();
    assert_eq!(principal.roles, vec![Role::Operator]);
}

#[tokio::test]
async fn a_space_separated_roles_string_grants_each_named_role() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims["roles"] = json!("viewer admin");
    let principal = verifier.verify(Some(&sign(key, &claims))).await.unwrap();
    assert_eq!(principal.roles, vec![Role::Admin, Role::Viewer]);
    assert_eq!(principal.highest_role(), Some(Role::Admin));
}

#[tokio::test]
async fn a_pem_public_key_verifies_tokens_without_kid_for_rsa_and_ec() {
    for key in [shared_rsa(), &ec_key("ignored")] {
        let verifier =
            Verifier::from_pem(key.public_pem.as_bytes(), ISSUER, AUDIENCE, VerifierConfig::default()).unwrap();
        let token = sign_with_kid(key, None, &valid_claims());
        assert_eq!(verifier.verify(Some(&token)).await.unwrap().subject, "user-1");
    }
}

#[tokio::test]
async fn a_key_file_is_read_as_pem_or_as_jwks() {
    let key = ec_key("ec-file");
    let dir = temp_dir("key-file");
    let pem_path = dir.join("issuer.pem");
    let jwks_path = dir.join("issuer.jwks.json");
    std::fs::write(&pem_path, &key.public_pem).unwrap();
    std::fs::write(&jwks_path, jwks(&[&key])).unwrap();
    for path in [&pem_path, &jwks_path] {
        let verifier = Verifier::from_key_file(path, ISSUER, AUDIENCE, VerifierConfig::default()).unwrap();
        assert!(verifier.verify(Some(&sign(&key, &valid_claims()))).await.is_ok());
    }
    let missing = Verifier::from_key_file(&dir.join("nope"), ISSUER, AUDIENCE, VerifierConfig::default());
    assert!(missing.err().unwrap().to_string().contains("nope"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn encryption_and_hmac_keys_in_a_jwks_are_never_trusted() {
    let key = shared_rsa();
    let mut enc = key.jwk.clone();
    enc["use"] = json!("enc");
    let doc = json!({"keys": [enc, {"kty": "oct", "k": "c2VjcmV0", "kid": "hmac"}]}).to_string();
    let result = Verifier::from_static_jwks(&doc, ISSUER, AUDIENCE, VerifierConfig::default());
    assert!(result.err().unwrap().to_string().contains("no usable signing key"));
}

#[tokio::test]
async fn a_configurable_tenant_claim_and_algorithm_list_are_honoured() {
    let rsa = shared_rsa();
    let ec = ec_key("ec-1");
    let config = VerifierConfig {
        algorithms: vec![jsonwebtoken::Algorithm::ES256],
        tenant_claim: "org".into(),
        ..VerifierConfig::default()
    };
    let verifier = Verifier::from_static_jwks(&jwks(&[rsa, &ec]), ISSUER, AUDIENCE, config).unwrap();
    let mut claims = valid_claims();
    claims["org"] = json!("globex");
    assert_eq!(
        verifier.verify(Some(&sign(&ec, &claims))).await.unwrap().tenant,
        "globex"
    );
    assert_eq!(reason(&verifier, &sign(rsa, &claims)).await, "ALGORITHM_NOT_ALLOWED");
}
