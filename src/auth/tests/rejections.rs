//! One test per rejection reason, each with a real signed (or deliberately forged) token.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

use super::*;

#[tokio::test]
async fn a_request_without_a_bearer_token_is_missing_token() {
    let verifier = static_verifier(&[shared_rsa()]);
    for header in [None, Some(""), Some("   "), Some("Bearer"), Some("Bearer   ")] {
        let err = verifier.verify(header).await.unwrap_err();
        assert_eq!(err.code(), "MISSING_TOKEN", "header {header:?}");
    }
}

#[tokio::test]
async fn a_non_bearer_scheme_or_a_non_jwt_is_malformed() {
    let verifier = static_verifier(&[shared_rsa()]);
    assert_eq!(reason(&verifier, "Basic dXNlcjpwdw==").await, "MALFORMED_TOKEN");
    assert_eq!(reason(&verifier, "Bearer not-a-jwt").await, "MALFORMED_TOKEN");
    assert_eq!(reason(&verifier, "Bearer a.b.c.d").await, "MALFORMED_TOKEN");
}

#[tokio::test]
async fn a_token_signed_by_another_key_under_a_trusted_kid_has_a_bad_signature() {
    let trusted = ec_key("ec-1");
    let impostor = ec_key("ec-1");
    let verifier = static_verifier(&[&trusted]);
    assert_eq!(
        reason(&verifier, &sign(&impostor, &valid_claims())).await,
        "BAD_SIGNATURE"
    );
}

#[tokio::test]
async fn a_token_whose_payload_was_edited_after_signing_has_a_bad_signature() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let token = sign(key, &valid_claims());
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims = valid_claims();
    claims["roles"] = json!(["admin"]);
    let forged_payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let forged = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
    assert_eq!(reason(&verifier, &forged).await, "BAD_SIGNATURE");
}

#[tokio::test]
async fn an_unsigned_alg_none_token_is_refused() {
    let verifier = static_verifier(&[shared_rsa()]);
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT","kid":"rsa-1"}"#);
    let payload = URL_SAFE_NO_PAD.encode(valid_claims().to_string());
    let token = format!("Bearer {header}.{payload}.");
    assert_eq!(reason(&verifier, &token).await, "ALGORITHM_NOT_ALLOWED");
}

#[tokio::test]
async fn an_hs256_token_keyed_with_the_rsa_public_key_is_refused() {
    let key = shared_rsa();
    let verifier = Verifier::from_pem(key.public_pem.as_bytes(), ISSUER, AUDIENCE, VerifierConfig::default()).unwrap();
    let secret = EncodingKey::from_secret(key.public_pem.as_bytes());
    for kid in [None, Some("rsa-1")] {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = kid.map(str::to_owned);
        let token = jsonwebtoken::encode(&header, &valid_claims(), &secret).unwrap();
        assert_eq!(
            reason(&verifier, &format!("Bearer {token}")).await,
            "ALGORITHM_NOT_ALLOWED"
        );
    }
}

#[tokio::test]
async fn an_allowed_algorithm_that_does_not_fit_the_keys_type_is_refused() {
    let rsa = shared_rsa();
    let ec = ec_key("ec-1");
    let verifier = static_verifier(&[rsa, &ec]);
    // ES256 is allowed, but `rsa-1` is an RSA key: the header must not choose how it is used.
    let token = sign_with_kid(&ec, Some(&rsa.kid), &valid_claims());
    assert_eq!(reason(&verifier, &token).await, "ALGORITHM_NOT_ALLOWED");
}

#[tokio::test]
async fn a_verifier_cannot_be_configured_with_hmac_or_without_algorithms() {
    let jwks = jwks(&[shared_rsa()]);
    for algorithms in [vec![Algorithm::RS256, Algorithm::HS256], vec![]] {
        let config = VerifierConfig {
            algorithms,
            ..VerifierConfig::default()
        };
        assert!(Verifier::from_static_jwks(&jwks, ISSUER, AUDIENCE, config).is_err());
    }
}

#[tokio::test]
async fn a_token_expired_beyond_the_leeway_is_expired_but_within_it_is_accepted() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims["exp"] = json!(now() - 120);
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "TOKEN_EXPIRED");
    claims["exp"] = json!(now() - 10);
    assert!(verifier.verify(Some(&sign(key, &claims))).await.is_ok());
}

#[tokio::test]
async fn a_token_whose_nbf_is_in_the_future_is_not_yet_valid() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims["nbf"] = json!(now() + 120);
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "TOKEN_NOT_YET_VALID");
}

#[tokio::test]
async fn a_token_without_exp_is_malformed() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims.as_object_mut().unwrap().remove("exp");
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "MALFORMED_TOKEN");
}

#[tokio::test]
async fn a_token_from_another_or_no_issuer_has_the_wrong_issuer() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims["iss"] = json!("https://evil.example.test/realms/reos");
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "WRONG_ISSUER");
    claims.as_object_mut().unwrap().remove("iss");
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "WRONG_ISSUER");
}

#[tokio::test]
async fn a_token_for_another_or_no_audience_has_the_wrong_audience() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims["aud"] = json!(["account", "billing"]);
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "WRONG_AUDIENCE");
    claims.as_object_mut().unwrap().remove("aud");
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "WRONG_AUDIENCE");
}

#[tokio::test]
async fn a_token_naming_a_kid_the_static_key_set_lacks_is_an_unknown_key() {
    let verifier = static_verifier(&[shared_rsa()]);
    let stranger = ec_key("ec-unknown");
    assert_eq!(
        reason(&verifier, &sign(&stranger, &valid_claims())).await,
        "UNKNOWN_KEY"
    );
}

#[tokio::test]
async fn a_token_without_a_tenant_claim_is_missing_tenant() {
    let key = shared_rsa();
    let verifier = static_verifier(&[key]);
    let mut claims = valid_claims();
    claims.as_object_mut().unwrap().remove("tenant");
    assert_eq!(reason(&verifier, &sign(key, &claims)).await, "MISSING_TENANT");
}
