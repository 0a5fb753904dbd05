//! Every token rejection is an HTTP 401 with code UNAUTHENTICATED and a stable reason — never a
//! 500. The app trusts a static JWKS file of a key this test generates (issuer and audience set).
use crate::support::test_app::{Backend, TestApp, spawn_with};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

const ISSUER: &str = "https://issuer.test";
const AUDIENCE: &str = "reos-api";

struct Issuer {
    key: EncodingKey,
    public: Vec<u8>,
    kid: String,
}

fn new_key(kid: &str) -> Issuer {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref()).unwrap();
    Issuer {
        key: EncodingKey::from_ec_der(pkcs8.as_ref()),
        public: pair.public_key().as_ref().to_vec(),
        kid: kid.into(),
    }
}

fn jwks(i: &Issuer) -> Value {
    // Uncompressed point: 0x04 || x || y.
    let (x, y) = i.public[1..].split_at(32);
    json!({"keys": [{"kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": i.kid, "x": B64.encode(x), "y": B64.encode(y)}]})
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn claims() -> Value {
    json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "alice", "tenant": "acme", "roles": ["analyst"], "iat": now(), "nbf": now() - 5, "exp": now() + 600})
}

fn sign(i: &Issuer, claims: &Value) -> String {
    let mut h = Header::new(Algorithm::ES256);
    h.kid = Some(i.kid.clone());
    jsonwebtoken::encode(&h, claims, &i.key).unwrap()
}

async fn app_trusting(i: &Issuer) -> TestApp {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), jwks(i).to_string()).unwrap();
    let path = file.into_temp_path().keep().unwrap();
    let app = spawn_with(Backend::Sqlite, |s| {
        s.auth.issuer = Some(ISSUER.into());
        s.auth.audience = AUDIENCE.into();
        s.auth.jwks_file = Some(path);
    })
    .await
    .unwrap();
    app.tenant("acme").await;
    app
}

async fn expect_401(app: &TestApp, token: Option<&str>, reason: &str) {
    let (status, body) = app.gql(token, "{ me { subject } }", json!({})).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["reason"], reason, "{body}");
}

#[tokio::test]
async fn a_valid_token_from_the_configured_issuer_is_accepted() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let d = app
        .data(
            &sign(&i, &claims()),
            "{ me { subject role tenant { slug } } }",
            json!({}),
        )
        .await;
    assert_eq!(d["me"]["subject"], "alice");
    assert_eq!(d["me"]["role"], "ANALYST");
    assert_eq!(d["me"]["tenant"]["slug"], "acme");
}

#[tokio::test]
async fn keycloak_realm_roles_are_understood() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut c = claims();
    c.as_object_mut().unwrap().remove("roles");
    c["realm_access"] = json!({"roles": ["offline_access", "operator"]});
    let d = app.data(&sign(&i, &c), "{ me { role } }", json!({})).await;
    assert_eq!(d["me"]["role"], "OPERATOR");
}

#[tokio::test]
async fn a_missing_token_is_401() {
    let app = app_trusting(&new_key("k1")).await;
    expect_401(&app, None, "MISSING_TOKEN").await;
}

#[tokio::test]
async fn a_bad_signature_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let other = Issuer {
        kid: "k1".into(),
        ..new_key("k1")
    };
    expect_401(&app, Some(&sign(&other, &claims())), "BAD_SIGNATURE").await;
}

#[tokio::test]
async fn alg_none_is_401() {
    let app = app_trusting(&new_key("k1")).await;
    let header = B64.encode(json!({"alg": "none", "typ": "JWT", "kid": "k1"}).to_string());
    let payload = B64.encode(claims().to_string());
    expect_401(&app, Some(&format!("{header}.{payload}.")), "ALGORITHM_NOT_ALLOWED").await;
}

#[tokio::test]
async fn hs256_signed_with_the_public_key_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut h = Header::new(Algorithm::HS256);
    h.kid = Some("k1".into());
    let token = jsonwebtoken::encode(&h, &claims(), &EncodingKey::from_secret(&i.public)).unwrap();
    expect_401(&app, Some(&token), "ALGORITHM_NOT_ALLOWED").await;
}

#[tokio::test]
async fn an_expired_token_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut c = claims();
    c["exp"] = json!(now() - 3600);
    c["iat"] = json!(now() - 7200);
    c["nbf"] = json!(now() - 7200);
    expect_401(&app, Some(&sign(&i, &c)), "TOKEN_EXPIRED").await;
}

#[tokio::test]
async fn a_token_not_yet_valid_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut c = claims();
    c["nbf"] = json!(now() + 3600);
    expect_401(&app, Some(&sign(&i, &c)), "TOKEN_NOT_YET_VALID").await;
}

#[tokio::test]
async fn a_wrong_issuer_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut c = claims();
    c["iss"] = json!("https://evil.test");
    expect_401(&app, Some(&sign(&i, &c)), "WRONG_ISSUER").await;
}

#[tokio::test]
async fn a_wrong_audience_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut c = claims();
    c["aud"] = json!("someone-else");
    expect_401(&app, Some(&sign(&i, &c)), "WRONG_AUDIENCE").await;
}

#[tokio::test]
async fn an_unknown_kid_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let stranger = new_key("k2");
    expect_401(&app, Some(&sign(&stranger, &claims())), "UNKNOWN_KEY").await;
}

#[tokio::test]
async fn a_token_without_tenant_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut c = claims();
    c.as_object_mut().unwrap().remove("tenant");
    expect_401(&app, Some(&sign(&i, &c)), "MISSING_TENANT").await;
}

#[tokio::test]
async fn a_token_for_an_unknown_tenant_is_401() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let mut c = claims();
    c["tenant"] = json!("nobody");
    expect_401(&app, Some(&sign(&i, &c)), "UNKNOWN_TENANT").await;
}

#[tokio::test]
async fn development_tokens_are_refused_when_an_issuer_is_configured() {
    let i = new_key("k1");
    let app = app_trusting(&i).await;
    let dev = app.token("acme", reos::auth::Role::Admin);
    let (status, _) = app.gql(Some(&dev), "{ me { subject } }", json!({})).await;
    assert_eq!(status, 401);
}
