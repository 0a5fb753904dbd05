//! Reads a bearer token off the `Authorization` header, decodes its JOSE header, and translates
//! jsonwebtoken's errors into our rejection reasons.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::Algorithm;
use jsonwebtoken::errors::ErrorKind;

use super::error::AuthError;

/// The header fields we act on before touching any key.
#[derive(serde::Deserialize)]
pub(crate) struct JoseHeader {
    pub(crate) alg: String,
    pub(crate) kid: Option<String>,
    crit: Option<serde_json::Value>,
}

pub(crate) fn bearer_token(header: Option<&str>) -> Result<&str, AuthError> {
    let value = header.map(str::trim).unwrap_or_default();
    if value.is_empty() {
        return Err(AuthError::MissingToken);
    }
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::malformed("Authorization scheme must be `Bearer`"));
    }
    match token.trim() {
        "" => Err(AuthError::MissingToken),
        token => Ok(token),
    }
}

/// Reads the header ourselves because jsonwebtoken fails to parse `alg: none` at all, and that
/// case must be reported as a forbidden algorithm, not a malformed token.
pub(crate) fn parse_header(token: &str) -> Result<JoseHeader, AuthError> {
    let mut parts = token.split('.');
    let (Some(header), Some(_), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(AuthError::malformed("a JWT has exactly three dot-separated parts"));
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|e| AuthError::malformed(format!("header is not base64url: {e}")))?;
    let header: JoseHeader = serde_json::from_slice(&bytes)
        .map_err(|e| AuthError::malformed(format!("header is not a JOSE header: {e}")))?;
    // RFC 7515 §4.1.11: extensions listed in `crit` must be understood, and we understand none.
    if header.crit.is_some() {
        return Err(AuthError::malformed("header `crit` names unsupported extensions"));
    }
    Ok(header)
}

pub(crate) fn map_jwt_error(kind: ErrorKind, alg: Algorithm) -> AuthError {
    match kind {
        ErrorKind::InvalidSignature => AuthError::BadSignature,
        ErrorKind::ExpiredSignature => AuthError::TokenExpired,
        ErrorKind::ImmatureSignature => AuthError::TokenNotYetValid,
        ErrorKind::InvalidIssuer => AuthError::WrongIssuer,
        ErrorKind::InvalidAudience => AuthError::WrongAudience,
        ErrorKind::MissingRequiredClaim(claim) if claim == "iss" => AuthError::WrongIssuer,
        ErrorKind::MissingRequiredClaim(claim) if claim == "aud" => AuthError::WrongAudience,
        ErrorKind::MissingRequiredClaim(claim) => AuthError::malformed(format!("claim `{claim}` is required")),
        ErrorKind::InvalidClaimFormat(claim) => AuthError::malformed(format!("claim `{claim}` has the wrong type")),
        ErrorKind::InvalidAlgorithm | ErrorKind::UnsupportedAlgorithm => AuthError::AlgorithmNotAllowed {
            alg: format!("{alg:?}"),
            reason: "rejected by the key".into(),
        },
        other => AuthError::malformed(format!("{other:?}")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
