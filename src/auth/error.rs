//! Errors of the auth boundary: why a token was rejected, and why a verifier could not be built.

use std::path::PathBuf;

/// Why a bearer token was rejected. The HTTP layer answers every variant with 401 `UNAUTHENTICATED`
/// and puts [`AuthError::code`] into `extensions.reason`; the message is for logs, not for clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("no bearer token in the Authorization header")]
    MissingToken,
    #[error("malformed token: {reason}")]
    MalformedToken { reason: String },
    #[error("token signature does not verify")]
    BadSignature,
    #[error("token algorithm `{alg}` is not allowed: {reason}")]
    AlgorithmNotAllowed { alg: String, reason: String },
    #[error("token has expired (claim `exp`)")]
    TokenExpired,
    #[error("token is not valid yet (claim `nbf`)")]
    TokenNotYetValid,
    #[error("claim `iss` is missing or is not the configured issuer")]
    WrongIssuer,
    #[error("claim `aud` is missing or does not contain the configured audience")]
    WrongAudience,
    #[error("no trusted key matches the token (header `kid` = {kid:?})")]
    UnknownKey { kid: Option<String> },
    #[error("claim `{claim}` naming the tenant is missing or empty")]
    MissingTenant { claim: String },
    #[error("the issuer's signing keys could not be fetched: {reason}")]
    KeysUnavailable { reason: String },
}

impl AuthError {
    /// Stable machine-readable reason; clients and dashboards key on these strings, so never rename one.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingToken => "MISSING_TOKEN",
            Self::MalformedToken { .. } => "MALFORMED_TOKEN",
            Self::BadSignature => "BAD_SIGNATURE",
            Self::AlgorithmNotAllowed { .. } => "ALGORITHM_NOT_ALLOWED",
            Self::TokenExpired => "TOKEN_EXPIRED",
            Self::TokenNotYetValid => "TOKEN_NOT_YET_VALID",
            Self::WrongIssuer => "WRONG_ISSUER",
            Self::WrongAudience => "WRONG_AUDIENCE",
            Self::UnknownKey { .. } => "UNKNOWN_KEY",
            Self::MissingTenant { .. } => "MISSING_TENANT",
            Self::KeysUnavailable { .. } => "KEYS_UNAVAILABLE",
        }
    }

    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        Self::MalformedToken { reason: reason.into() }
    }
}

/// Why a [`super::Verifier`] could not be built from configuration, a key file or the issuer.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("`algorithms` must name at least one algorithm")]
    NoAlgorithms,
    #[error("`algorithms` contains `{alg:?}`: only asymmetric signature algorithms are accepted")]
    SymmetricAlgorithm { alg: jsonwebtoken::Algorithm },
    #[error("`issuer` must not be empty")]
    EmptyIssuer,
    #[error("`audience` must not be empty")]
    EmptyAudience,
    #[error("fetching `{url}` failed: {reason}")]
    Fetch { url: String, reason: String },
    #[error("discovery document at `{url}` names issuer `{found}`, but `{expected}` is configured")]
    IssuerMismatch {
        url: String,
        expected: String,
        found: String,
    },
    #[error("key set `{source_name}` is invalid: {reason}")]
    InvalidKeySet { source_name: String, reason: String },
    #[error("key set `{source_name}` contains no usable signing key")]
    NoUsableKeys { source_name: String },
    #[error("reading key file `{}` failed: {source}", path.display())]
    ReadKeyFile { path: PathBuf, source: std::io::Error },
}

#[cfg(test)]
mod tests;
