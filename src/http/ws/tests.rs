//! Unit tests of `http::ws`.
use super::*;

#[test]
fn the_token_is_read_from_the_usual_payload_keys() {
    let j = |v: serde_json::Value| bearer(&v);
    assert_eq!(
        j(serde_json::json!({"Authorization": "Bearer a"})).as_deref(),
        Some("Bearer a")
    );
    assert_eq!(
        j(serde_json::json!({"authorization": "Bearer b"})).as_deref(),
        Some("Bearer b")
    );
    assert_eq!(j(serde_json::json!({"token": "c"})).as_deref(), Some("Bearer c"));
    assert_eq!(j(serde_json::json!({})), None);
}

#[test]
fn the_expiry_is_read_from_the_verified_token() {
    use base64::Engine;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"exp":1700000000}"#);
    assert_eq!(expiry(&format!("Bearer h.{payload}.s")), Some(1_700_000_000));
    assert_eq!(expiry("Bearer garbage"), None);
}

#[test]
fn refusals_and_early_subscribes_get_the_protocols_close_codes() {
    let o = InitOutcome::default();
    assert_eq!(o.close_reason(1011, "The handshake is not completed.".into()).0, 4401);
    let _ = o.refuse(4403, "INVALID_TOKEN");
    assert_eq!(
        o.close_reason(1002, "INVALID_TOKEN".into()),
        (4403, "Forbidden: INVALID_TOKEN".into())
    );
}
