//! Unit tests of `auth::error`.
use super::AuthError;

#[test]
fn every_rejection_has_a_distinct_screaming_snake_code() {
    let all = [
        AuthError::MissingToken,
        AuthError::malformed("x"),
        AuthError::BadSignature,
        AuthError::AlgorithmNotAllowed {
            alg: "none".into(),
            reason: "x".into(),
        },
        AuthError::TokenExpired,
        AuthError::TokenNotYetValid,
        AuthError::WrongIssuer,
        AuthError::WrongAudience,
        AuthError::UnknownKey { kid: None },
        AuthError::MissingTenant { claim: "tenant".into() },
        AuthError::KeysUnavailable { reason: "x".into() },
    ];
    let mut codes: Vec<&str> = all.iter().map(AuthError::code).collect();
    assert!(
        codes
            .iter()
            .all(|c| c.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_'))
    );
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), all.len());
}
