//! Verifies `Authorization: Bearer <jwt>` headers and turns valid tokens into a [`Principal`].

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use jsonwebtoken::{Algorithm, AlgorithmFamily, Validation};

use super::claims::{Claims, principal_from_claims};
use super::error::{AuthError, SetupError};
use super::jwks::KeyStore;
use super::keys::KeySet;
use super::roles::Principal;
use super::token::{bearer_token, map_jwt_error, parse_header};

/// Tunables shared by every key source.
#[derive(Debug, Clone)]
pub struct VerifierConfig {
    /// Algorithms a token may use; HMAC is refused when the verifier is built.
    pub algorithms: Vec<Algorithm>,
    /// Clock skew tolerated on `exp` and `nbf` (whole seconds are used).
    pub leeway: Duration,
    /// Claim carrying the tenant slug or id.
    pub tenant_claim: String,
    /// Minimum time between two JWKS fetches triggered by unknown `kid`s.
    pub min_refresh_interval: Duration,
    /// Timeout of each discovery or JWKS request.
    pub http_timeout: Duration,
    /// Reject tokens without `nbf`. Off by default because Keycloak, Auth0 and node oidc-provider
    /// omit it from access tokens; when present it is always checked.
    pub require_nbf: bool,
}

impl Default for VerifierConfig {
    fn default() -> Self {
        Self {
            algorithms: vec![Algorithm::RS256, Algorithm::ES256],
            leeway: Duration::from_secs(30),
            tenant_claim: "tenant".to_owned(),
            min_refresh_interval: Duration::from_secs(60),
            http_timeout: Duration::from_secs(10),
            require_nbf: false,
        }
    }
}

/// Checks bearer tokens. Cloning is cheap: clones share keys and the refresh state.
#[derive(Clone)]
pub struct Verifier {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("issuer", &self.inner.issuer)
            .field("audience", &self.inner.audience)
            .finish_non_exhaustive()
    }
}

struct Inner {
    issuer: String,
    audience: String,
    config: VerifierConfig,
    keys: KeyStore,
}

impl Verifier {
    /// Trusts the keys the issuer publishes, found by OIDC discovery and refreshed on rotation.
    /// Fails when the issuer cannot be reached now; retrying at startup is the caller's choice.
    pub async fn from_oidc(issuer: &str, audience: &str, config: VerifierConfig) -> Result<Self, SetupError> {
        check_setup(issuer, audience, &config)?;
        let keys = KeyStore::discover(issuer, config.http_timeout, config.min_refresh_interval).await?;
        Ok(Self::new(issuer, audience, config, keys))
    }

    /// Trusts a fixed JWKS document (`{"keys": [...]}`).
    pub fn from_static_jwks(
        jwks_json: &str,
        issuer: &str,
        audience: &str,
        config: VerifierConfig,
    ) -> Result<Self, SetupError> {
        check_setup(issuer, audience, &config)?;
        let keys = KeySet::from_jwks_json(jwks_json, "static JWKS")?;
        Ok(Self::new(issuer, audience, config, KeyStore::fixed(keys)))
    }

    /// Trusts a single PEM public key; tokens for it need no `kid`.
    pub fn from_pem(pem: &[u8], issuer: &str, audience: &str, config: VerifierConfig) -> Result<Self, SetupError> {
        check_setup(issuer, audience, &config)?;
        let keys = KeySet::from_pem(pem, "PEM public key")?;
        Ok(Self::new(issuer, audience, config, KeyStore::fixed(keys)))
    }

    /// Reads a key file: PEM if it starts with `-----BEGIN`, a JWKS document otherwise.
    pub fn from_key_file(
        path: &Path,
        issuer: &str,
        audience: &str,
        config: VerifierConfig,
    ) -> Result<Self, SetupError> {
        check_setup(issuer, audience, &config)?;
        let text = std::fs::read_to_string(path).map_err(|source| SetupError::ReadKeyFile {
            path: path.to_owned(),
            source,
        })?;
        let name = path.display().to_string();
        let keys = if text.trim_start().starts_with("-----BEGIN") {
            KeySet::from_pem(text.as_bytes(), &name)?
        } else {
            KeySet::from_jwks_json(&text, &name)?
        };
        Ok(Self::new(issuer, audience, config, KeyStore::fixed(keys)))
    }

    fn new(issuer: &str, audience: &str, config: VerifierConfig, keys: KeyStore) -> Self {
        let inner = Inner {
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            config,
            keys,
        };
        Self { inner: Arc::new(inner) }
    }

    pub fn issuer(&self) -> &str {
        &self.inner.issuer
    }

    pub fn audience(&self) -> &str {
        &self.inner.audience
    }

    /// Verifies the raw `Authorization` header value (scheme `Bearer`, any case).
    pub async fn verify(&self, authorization_header: Option<&str>) -> Result<Principal, AuthError> {
        let token = bearer_token(authorization_header)?;
        let header = parse_header(token)?;
        let alg = header
            .alg
            .parse::<Algorithm>()
            .ok()
            .filter(|alg| self.inner.config.algorithms.contains(alg))
            .ok_or_else(|| AuthError::AlgorithmNotAllowed {
                alg: header.alg.clone(),
                reason: "not in the configured algorithms".into(),
            })?;
        let key = self.inner.keys.find(header.kid.as_deref(), alg).await?;
        key.check_algorithm(alg)?;
        let data = jsonwebtoken::decode::<Claims>(token, &key.key, &self.validation(alg))
            .map_err(|e| map_jwt_error(e.into_kind(), alg))?;
        principal_from_claims(&data.claims, &self.inner.config.tenant_claim)
    }

    fn validation(&self, alg: Algorithm) -> Validation {
        let config = &self.inner.config;
        let mut validation = Validation::new(alg);
        validation.leeway = config.leeway.as_secs();
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = true;
        let mut required = vec!["exp", "iss", "aud"];
        if config.require_nbf {
            required.push("nbf");
        }
        validation.set_required_spec_claims(&required);
        validation.set_issuer(&[&self.inner.issuer]);
        validation.set_audience(&[&self.inner.audience]);
        validation
    }
}

fn check_setup(issuer: &str, audience: &str, config: &VerifierConfig) -> Result<(), SetupError> {
    if issuer.trim().is_empty() {
        return Err(SetupError::EmptyIssuer);
    }
    if audience.trim().is_empty() {
        return Err(SetupError::EmptyAudience);
    }
    if config.algorithms.is_empty() {
        return Err(SetupError::NoAlgorithms);
    }
    match config
        .algorithms
        .iter()
        .find(|alg| alg.family() == AlgorithmFamily::Hmac)
    {
        Some(alg) => Err(SetupError::SymmetricAlgorithm { alg: *alg }),
        None => Ok(()),
    }
}
