//! The auth section: the OIDC issuer and token rules, and development tokens. On the wire the
//! OIDC keys keep their `oidc_` prefix (`oidc_issuer`, `REOS_OIDC_ISSUER`).
use super::ConfigError;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How access tokens are verified.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthSettings {
    /// OIDC issuer URL; keys are found through its discovery document (`oidc_issuer`,
    /// `REOS_OIDC_ISSUER`).
    #[serde(rename = "oidc_issuer")]
    pub issuer: Option<String>,
    /// Required `aud` of access tokens (`oidc_audience`, `REOS_OIDC_AUDIENCE`).
    #[serde(rename = "oidc_audience")]
    pub audience: String,
    /// A static JWKS (JSON) or PEM public key file instead of discovery (`oidc_jwks_file`,
    /// `REOS_OIDC_JWKS_FILE`); needs `oidc_issuer` for the `iss` check unless dev auth is on.
    #[serde(rename = "oidc_jwks_file")]
    pub jwks_file: Option<PathBuf>,
    /// Accepted signature algorithms (`oidc_algorithms`, `REOS_OIDC_ALGORITHMS`, e.g.
    /// `["RS256","ES256"]`).
    #[serde(rename = "oidc_algorithms")]
    pub algorithms: Vec<String>,
    /// Claim carrying the tenant slug or id (`oidc_tenant_claim`, `REOS_OIDC_TENANT_CLAIM`).
    #[serde(rename = "oidc_tenant_claim")]
    pub tenant_claim: String,
    /// Refuse tokens without `nbf` (`oidc_require_nbf`, `REOS_OIDC_REQUIRE_NBF`). `nbf` is always
    /// checked when present; Keycloak, Auth0 and node oidc-provider leave it out of access tokens,
    /// so requiring it is opt-in.
    #[serde(rename = "oidc_require_nbf")]
    pub require_nbf: bool,
    /// Minimum seconds between two JWKS refetches triggered by tokens naming an unknown `kid`
    /// (`oidc_jwks_min_refresh_secs`, `REOS_OIDC_JWKS_MIN_REFRESH_SECS`); bounds how hard made-up
    /// kids can make us hit the issuer.
    #[serde(rename = "oidc_jwks_min_refresh_secs")]
    pub jwks_min_refresh_secs: u64,
    /// Development tokens from a local key pair under `data_dir` (`dev_auth`, `REOS_DEV_AUTH`).
    /// Default: on exactly when no issuer and no key file are configured; refused together with
    /// an issuer.
    pub dev_auth: Option<bool>,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            issuer: None,
            audience: "reos".into(),
            jwks_file: None,
            algorithms: vec!["RS256".into(), "ES256".into()],
            tenant_claim: "tenant".into(),
            require_nbf: false,
            jwks_min_refresh_secs: 60,
            dev_auth: None,
        }
    }
}

impl AuthSettings {
    /// Development tokens are trusted only with no issuer and no key file configured.
    pub fn dev_auth_enabled(&self) -> bool {
        self.dev_auth
            .unwrap_or(self.issuer.is_none() && self.jwks_file.is_none())
    }

    /// Dev auth is never on together with an issuer.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.dev_auth == Some(true) && self.issuer.is_some() {
            return Err(ConfigError::Invalid {
                field: "dev_auth",
                message: "development tokens cannot be enabled when an OIDC issuer is configured".into(),
            });
        }
        Ok(())
    }
}
