//! Trusted public keys parsed from a JWKS document or a PEM file, and the rules tying each key to the
//! algorithms it may verify (a key's type, curve and `alg` decide, never the token header alone).

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};

use super::error::{AuthError, SetupError};

/// What a key can verify; HMAC secrets are deliberately absent so an `oct` key can never be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyType {
    Rsa,
    EcP256,
    EcP384,
    Ed25519,
}

impl KeyType {
    fn verifies(self, alg: Algorithm) -> bool {
        use Algorithm::{ES256, ES384, EdDSA, PS256, PS384, PS512, RS256, RS384, RS512};
        match self {
            KeyType::Rsa => matches!(alg, RS256 | RS384 | RS512 | PS256 | PS384 | PS512),
            KeyType::EcP256 => alg == ES256,
            KeyType::EcP384 => alg == ES384,
            KeyType::Ed25519 => alg == EdDSA,
        }
    }
}

/// One public key we trust, with the `alg` its publisher pinned it to (if any).
pub(crate) struct TrustedKey {
    pub(crate) kid: Option<String>,
    kind: KeyType,
    pinned_alg: Option<Algorithm>,
    pub(crate) key: DecodingKey,
}

impl TrustedKey {
    /// Rejects a header `alg` this key must not be used with; this is what stops a token signed with
    /// HS256 (or ES256) from being checked against an RSA key.
    pub(crate) fn check_algorithm(&self, alg: Algorithm) -> Result<(), AuthError> {
        let reason = if !self.kind.verifies(alg) {
            format!("the key is {:?}", self.kind)
        } else if self.pinned_alg.is_some_and(|pinned| pinned != alg) {
            format!("the key is pinned to {:?}", self.pinned_alg)
        } else {
            return Ok(());
        };
        Err(AuthError::AlgorithmNotAllowed {
            alg: format!("{alg:?}"),
            reason,
        })
    }

    /// `Ok(None)` for keys that are not for verifying signatures (encryption keys, HMAC secrets,
    /// unsupported curves): JWKS documents legitimately mix those in, so they are skipped.
    fn from_jwk(jwk: &Jwk) -> Result<Option<Self>, String> {
        if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)) {
            return Ok(None);
        }
        let pinned_alg = match jwk.common.key_algorithm {
            None => None,
            Some(KeyAlgorithm::UNKNOWN_ALGORITHM) => return Ok(None),
            Some(alg) => match alg.to_string().parse::<Algorithm>() {
                Ok(a) => Some(a),
                Err(_) => return Ok(None),
            },
        };
        let kind = match &jwk.algorithm {
            AlgorithmParameters::RSA(rsa) => {
                let n = decode_b64("n", &rsa.n)?;
                let bits = n.iter().skip_while(|b| **b == 0).count() * 8;
                if bits < 2048 {
                    return Err(format!("RSA modulus `n` has {bits} bits, fewer than 2048"));
                }
                KeyType::Rsa
            }
            AlgorithmParameters::EllipticCurve(ec) => {
                let (kind, len) = match ec.curve {
                    EllipticCurve::P256 => (KeyType::EcP256, 32),
                    EllipticCurve::P384 => (KeyType::EcP384, 48),
                    _ => return Ok(None),
                };
                for (name, value) in [("x", &ec.x), ("y", &ec.y)] {
                    if decode_b64(name, value)?.len() != len {
                        return Err(format!("EC coordinate `{name}` is not {len} bytes"));
                    }
                }
                kind
            }
            AlgorithmParameters::OctetKeyPair(okp) if okp.curve == EllipticCurve::Ed25519 => KeyType::Ed25519,
            _ => return Ok(None),
        };
        if pinned_alg.is_some_and(|alg| !kind.verifies(alg)) {
            return Err(format!("`alg` {pinned_alg:?} does not fit a {kind:?} key"));
        }
        let key = DecodingKey::from_jwk(jwk).map_err(|e| e.to_string())?;
        Ok(Some(Self {
            kid: jwk.common.key_id.clone(),
            kind,
            pinned_alg,
            key,
        }))
    }
}

fn decode_b64(field: &str, value: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|e| format!("`{field}` is not base64url: {e}"))
}

/// The keys one source currently publishes.
#[derive(Clone, Default)]
pub(crate) struct KeySet {
    keys: Vec<Arc<TrustedKey>>,
}

/// Outcome of looking a token's key up.
pub(crate) enum Lookup {
    Found(Arc<TrustedKey>),
    /// The header names a `kid` we do not hold; a refresh may help.
    UnknownKid,
    /// Refetching cannot help (no `kid` and no single fitting key).
    NoMatch,
}

impl KeySet {
    /// Parses `{"keys": [...]}`. A key that fails to parse is skipped with a warning, so one odd
    /// entry from the issuer cannot lock every user out; a set with no usable key is an error.
    pub(crate) fn from_jwks_json(json: &str, source_name: &str) -> Result<Self, SetupError> {
        let invalid = |reason: String| SetupError::InvalidKeySet {
            source_name: source_name.to_owned(),
            reason,
        };
        let doc: serde_json::Value = serde_json::from_str(json).map_err(|e| invalid(format!("not JSON: {e}")))?;
        let entries = doc
            .get("keys")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| invalid("member `keys` must be an array".into()))?;
        let mut keys = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let parsed = serde_json::from_value::<Jwk>(entry.clone())
                .map_err(|e| e.to_string())
                .and_then(|jwk| TrustedKey::from_jwk(&jwk));
            match parsed {
                Ok(Some(key)) => keys.push(Arc::new(key)),
                Ok(None) => tracing::debug!(source_name, index = i, "skipping non-signing JWK"),
                Err(reason) => tracing::warn!(source_name, "skipping keys[{i}]: {reason}"),
            }
        }
        Self::non_empty(keys, source_name)
    }

    /// Accepts one PEM public key (SPKI or PKCS#1 RSA, SPKI EC P-256/P-384 or Ed25519); it has no `kid`.
    pub(crate) fn from_pem(pem: &[u8], source_name: &str) -> Result<Self, SetupError> {
        let (kind, key) = if let Ok(key) = DecodingKey::from_rsa_pem(pem) {
            (KeyType::Rsa, key)
        } else if let Ok(key) = DecodingKey::from_ec_pem(pem) {
            let kind = match key.try_get_as_bytes().map(<[u8]>::len) {
                Ok(65) => KeyType::EcP256,
                Ok(97) => KeyType::EcP384,
                _ => {
                    return Err(SetupError::InvalidKeySet {
                        source_name: source_name.to_owned(),
                        reason: "EC key is on neither P-256 nor P-384".into(),
                    });
                }
            };
            (kind, key)
        } else if let Ok(key) = DecodingKey::from_ed_pem(pem) {
            (KeyType::Ed25519, key)
        } else {
            return Err(SetupError::InvalidKeySet {
                source_name: source_name.to_owned(),
                reason: "not a PEM RSA, EC or Ed25519 public key".into(),
            });
        };
        let trusted = TrustedKey {
            kid: None,
            kind,
            pinned_alg: None,
            key,
        };
        Self::non_empty(vec![Arc::new(trusted)], source_name)
    }

    fn non_empty(keys: Vec<Arc<TrustedKey>>, source_name: &str) -> Result<Self, SetupError> {
        if keys.is_empty() {
            return Err(SetupError::NoUsableKeys {
                source_name: source_name.to_owned(),
            });
        }
        Ok(Self { keys })
    }

    /// With a `kid`, only the key of that id is considered (or a lone PEM key, which has no id).
    /// Without one, exactly one key must fit the algorithm: we never try keys one after another.
    pub(crate) fn lookup(&self, kid: Option<&str>, alg: Algorithm) -> Lookup {
        match kid {
            Some(kid) => match (
                self.keys.iter().find(|k| k.kid.as_deref() == Some(kid)),
                self.keys.as_slice(),
            ) {
                (Some(key), _) => Lookup::Found(Arc::clone(key)),
                // A lone key without `kid` (a PEM file) has no name to compare, so it answers any.
                (None, [only]) if only.kid.is_none() => Lookup::Found(Arc::clone(only)),
                (None, _) => Lookup::UnknownKid,
            },
            // A lone key is returned even if it does not fit, so the caller reports the algorithm
            // mismatch instead of an unknown key.
            None => match self.keys.as_slice() {
                [only] => Lookup::Found(Arc::clone(only)),
                keys => {
                    let mut fitting = keys.iter().filter(|k| k.check_algorithm(alg).is_ok());
                    match (fitting.next(), fitting.next()) {
                        (Some(key), None) => Lookup::Found(Arc::clone(key)),
                        _ => Lookup::NoMatch,
                    }
                }
            },
        }
    }
}
