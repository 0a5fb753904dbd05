//! Development mode: a local ES256 key pair kept under `data_dir/dev-keys/`, tokens minted with it,
//! and a verifier that trusts only that key. Never used when an OIDC issuer is configured.

use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jsonwebtoken::jwk::{Jwk, JwkSet, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{Algorithm, EncodingKey, Header};

use super::error::SetupError;
use super::roles::Role;
use super::verifier::{Verifier, VerifierConfig};

pub const DEV_ISSUER: &str = "reos-dev";
pub const DEV_AUDIENCE: &str = "reos";
const PRIVATE_KEY_FILE: &str = "private-key.pem";
const PUBLIC_JWK_FILE: &str = "public-key.jwk.json";

#[derive(Debug, thiserror::Error)]
pub enum DevKeyError {
    #[error("`{}`: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("`{}` is readable by others (mode {mode:o}); run `chmod 600` on it", path.display())]
    InsecurePermissions { path: PathBuf, mode: u32 },
    #[error("`{}` is not a PKCS#8 P-256 private key: {reason}", path.display())]
    InvalidKey { path: PathBuf, reason: String },
    #[error("generating the development key pair failed")]
    Generate,
    #[error("`ttl` must be at least one second")]
    InvalidTtl,
    #[error("`tenant` must not be empty")]
    EmptyTenant,
    #[error("signing the development token failed: {0}")]
    Sign(String),
    #[error(transparent)]
    Verifier(#[from] SetupError),
}

/// The development signing key, its public JWK (with `kid` = RFC 7638 thumbprint) and a verifier.
pub struct DevKeys {
    signing_key: EncodingKey,
    public_jwk: Jwk,
    verifier: Verifier,
}

impl std::fmt::Debug for DevKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DevKeys")
            .field("kid", &self.kid())
            .finish_non_exhaustive()
    }
}

impl DevKeys {
    /// Loads the key pair from `data_dir/dev-keys/`, generating it on first use.
    pub fn load_or_create(data_dir: &Path) -> Result<Self, DevKeyError> {
        let dir = data_dir.join("dev-keys");
        fs::create_dir_all(&dir).map_err(|source| io_error(&dir, source))?;
        let private_path = dir.join(PRIVATE_KEY_FILE);
        if !private_path.exists() {
            write_private_key(&private_path)?;
        }
        check_private_permissions(&private_path)?;
        let pem = fs::read(&private_path).map_err(|source| io_error(&private_path, source))?;
        let invalid = |reason: String| DevKeyError::InvalidKey {
            path: private_path.clone(),
            reason,
        };
        let signing_key = EncodingKey::from_ec_pem(&pem).map_err(|e| invalid(e.to_string()))?;
        let mut public_jwk =
            Jwk::from_encoding_key(&signing_key, Algorithm::ES256).map_err(|e| invalid(e.to_string()))?;
        let kid = public_jwk
            .thumbprint(ThumbprintHash::SHA256)
            .map_err(|e| invalid(e.to_string()))?;
        public_jwk.common.key_id = Some(kid);
        public_jwk.common.public_key_use = Some(PublicKeyUse::Signature);

        let jwks = JwkSet {
            keys: vec![public_jwk.clone()],
        };
        let jwks_json = serde_json::to_string_pretty(&jwks).map_err(|e| invalid(e.to_string()))?;
        let public_path = dir.join(PUBLIC_JWK_FILE);
        if fs::read_to_string(&public_path).ok().as_deref() != Some(jwks_json.as_str()) {
            fs::write(&public_path, &jwks_json).map_err(|source| io_error(&public_path, source))?;
        }
        let config = VerifierConfig {
            algorithms: vec![Algorithm::ES256],
            ..VerifierConfig::default()
        };
        let verifier = Verifier::from_static_jwks(&jwks_json, DEV_ISSUER, DEV_AUDIENCE, config)?;
        Ok(Self {
            signing_key,
            public_jwk,
            verifier,
        })
    }

    /// The key id every minted token carries.
    pub fn kid(&self) -> &str {
        self.public_jwk.common.key_id.as_deref().unwrap_or_default()
    }

    pub fn public_jwk(&self) -> &Jwk {
        &self.public_jwk
    }

    /// A token for `tenant` with the single `role`, valid from now for `ttl`.
    pub fn mint(&self, tenant: &str, role: Role, ttl: Duration) -> Result<String, DevKeyError> {
        if tenant.trim().is_empty() {
            return Err(DevKeyError::EmptyTenant);
        }
        if ttl.as_secs() == 0 {
            return Err(DevKeyError::InvalidTtl);
        }
        let now = jsonwebtoken::get_current_timestamp();
        let claims = serde_json::json!({
            "iss": DEV_ISSUER,
            "aud": DEV_AUDIENCE,
            "sub": format!("dev-{role}@{tenant}"),
            "tenant": tenant,
            "roles": [role],
            "iat": now,
            "nbf": now,
            "exp": now.saturating_add(ttl.as_secs()),
        });
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.kid().to_owned());
        jsonwebtoken::encode(&header, &claims, &self.signing_key).map_err(|e| DevKeyError::Sign(e.to_string()))
    }

    /// A verifier trusting only the development key, issuer `reos-dev` and audience `reos`.
    pub fn verifier(&self) -> Verifier {
        self.verifier.clone()
    }
}

fn io_error(path: &Path, source: std::io::Error) -> DevKeyError {
    DevKeyError::Io {
        path: path.to_owned(),
        source,
    }
}

/// `create_new` with mode 0600 so the key is never visible to others, not even briefly.
fn write_private_key(path: &Path) -> Result<(), DevKeyError> {
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
        .map_err(|_| DevKeyError::Generate)?;
    let body = STANDARD.encode(pkcs8.as_ref());
    let mut pem = String::from("-----BEGIN PRIVATE KEY-----\n");
    for line in body.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END PRIVATE KEY-----\n");
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|source| io_error(path, source))?;
    file.write_all(pem.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| io_error(path, source))
}

#[cfg(unix)]
fn check_private_permissions(path: &Path) -> Result<(), DevKeyError> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = fs::metadata(path)
        .map_err(|source| io_error(path, source))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(DevKeyError::InsecurePermissions {
            path: path.to_owned(),
            mode: mode & 0o777,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private_permissions(_path: &Path) -> Result<(), DevKeyError> {
    Ok(())
}
