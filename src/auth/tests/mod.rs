//! Test fixtures for the auth module: real RSA and P-256 keys generated with aws-lc-rs, tokens signed
//! with them, and temporary directories.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod acceptance;
mod dev_mode;
mod discovery;
mod rejections;

use std::path::PathBuf;
use std::sync::OnceLock;

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeySize};
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use super::{AuthError, Verifier, VerifierConfig};

pub(super) const ISSUER: &str = "https://issuer.example.test/realms/reos";
pub(super) const AUDIENCE: &str = "reos-api";

/// A signing key with its public halves as the issuer would publish them.
pub(super) struct TestKey {
    pub kid: String,
    pub alg: Algorithm,
    pub signing: EncodingKey,
    pub jwk: Value,
    pub public_pem: String,
}

pub(super) fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

fn public_jwk(signing: &EncodingKey, alg: Algorithm, kid: &str) -> Value {
    let mut jwk = serde_json::to_value(Jwk::from_encoding_key(signing, alg).unwrap()).unwrap();
    jwk["kid"] = json!(kid);
    jwk["use"] = json!("sig");
    jwk
}

pub(super) fn rsa_key(kid: &str) -> TestKey {
    let pair = RsaKeyPair::generate(KeySize::Rsa2048).unwrap();
    let pkcs8 = pair.as_der().unwrap();
    let signing = EncodingKey::from_rsa_pem(pem("PRIVATE KEY", pkcs8.as_ref()).as_bytes()).unwrap();
    let spki = pair.public_key().as_der().unwrap();
    TestKey {
        kid: kid.to_owned(),
        alg: Algorithm::RS256,
        jwk: public_jwk(&signing, Algorithm::RS256, kid),
        public_pem: pem("PUBLIC KEY", spki.as_ref()),
        signing,
    }
}

pub(super) fn ec_key(kid: &str) -> TestKey {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
    let spki = pair.public_key().as_der().unwrap();
    let signing = EncodingKey::from_ec_der(pkcs8.as_ref());
    TestKey {
        kid: kid.to_owned(),
        alg: Algorithm::ES256,
        jwk: public_jwk(&signing, Algorithm::ES256, kid),
        public_pem: pem("PUBLIC KEY", spki.as_ref()),
        signing,
    }
}

/// RSA key generation is slow in debug builds, so the RSA key most tests share is made once.
pub(super) fn shared_rsa() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(|| rsa_key("rsa-1"))
}

pub(super) fn now() -> i64 {
    i64::try_from(jsonwebtoken::get_current_timestamp()).unwrap()
}

/// A claim set every verifier in these tests accepts; tests change one field to break it.
pub(super) fn valid_claims() -> Value {
    json!({
        "iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "tenant": "acme",
        "roles": ["analyst"], "email": "ana@acme.test",
        "iat": now(), "nbf": now() - 5, "exp": now() + 300,
    })
}

pub(super) fn sign(key: &TestKey, claims: &Value) -> String {
    sign_with_kid(key, Some(&key.kid), claims)
}

pub(super) fn sign_with_kid(key: &TestKey, kid: Option<&str>, claims: &Value) -> String {
    let mut header = Header::new(key.alg);
    header.kid = kid.map(str::to_owned);
    format!(
        "Bearer {}",
        jsonwebtoken::encode(&header, claims, &key.signing).unwrap()
    )
}

pub(super) fn jwks(keys: &[&TestKey]) -> String {
    json!({ "keys": keys.iter().map(|k| k.jwk.clone()).collect::<Vec<_>>() }).to_string()
}

pub(super) fn static_verifier(keys: &[&TestKey]) -> Verifier {
    Verifier::from_static_jwks(&jwks(keys), ISSUER, AUDIENCE, VerifierConfig::default()).unwrap()
}

pub(super) async fn reason(verifier: &Verifier, header: &str) -> &'static str {
    verifier
        .verify(Some(header))
        .await
        .map_err(|e: AuthError| e.code())
        .unwrap_err()
}

/// A fresh directory under the system temp dir; tests remove it themselves.
pub(super) fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("reos-auth-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
