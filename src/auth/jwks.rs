//! Where trusted keys come from: a fixed set (JWKS or PEM file, dev key) or the issuer's JWKS found
//! by OIDC discovery, cached and refetched when a token names an unknown `kid`, at most once per
//! configured interval.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jsonwebtoken::Algorithm;
use tokio::sync::{Mutex, RwLock};

use super::error::{AuthError, SetupError};
use super::keys::{KeySet, Lookup, TrustedKey};

/// The keys a verifier trusts, plus how to refresh them when they come from an issuer.
pub(crate) struct KeyStore {
    keys: RwLock<KeySet>,
    remote: Option<Remote>,
}

struct Remote {
    jwks_uri: String,
    client: reqwest::Client,
    min_refresh_interval: Duration,
    /// Held for the whole refetch, so concurrent requests with the same new `kid` wait for one
    /// fetch instead of each starting their own.
    last_fetch: Mutex<Instant>,
}

impl KeyStore {
    pub(crate) fn fixed(keys: KeySet) -> Self {
        Self {
            keys: RwLock::new(keys),
            remote: None,
        }
    }

    /// Runs discovery at `{issuer}/.well-known/openid-configuration` and loads its `jwks_uri`.
    /// The discovery document must name exactly the configured issuer (OIDC Discovery §4.3).
    pub(crate) async fn discover(
        issuer: &str,
        http_timeout: Duration,
        min_refresh_interval: Duration,
    ) -> Result<Self, SetupError> {
        let client = reqwest::Client::builder()
            .timeout(http_timeout)
            .build()
            .map_err(|e| SetupError::Fetch {
                url: issuer.to_owned(),
                reason: format!("cannot build HTTP client: {e}"),
            })?;
        let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
        let doc: serde_json::Value = serde_json::from_str(&get_text(&client, &url).await?)
            .map_err(|e| fetch_error(&url, format!("not JSON: {e}")))?;
        let found = doc.get("issuer").and_then(serde_json::Value::as_str);
        if found != Some(issuer) {
            return Err(SetupError::IssuerMismatch {
                url,
                expected: issuer.to_owned(),
                found: found.unwrap_or("<missing>").to_owned(),
            });
        }
        let jwks_uri = doc
            .get("jwks_uri")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| fetch_error(&url, "member `jwks_uri` is missing".into()))?
            .to_owned();
        let keys = KeySet::from_jwks_json(&get_text(&client, &jwks_uri).await?, &jwks_uri)?;
        Ok(Self {
            keys: RwLock::new(keys),
            remote: Some(Remote {
                jwks_uri,
                client,
                min_refresh_interval,
                last_fetch: Mutex::new(Instant::now()),
            }),
        })
    }

    /// Finds the key for a token header, refetching the issuer's JWKS once if the `kid` is new.
    pub(crate) async fn find(&self, kid: Option<&str>, alg: Algorithm) -> Result<Arc<TrustedKey>, AuthError> {
        let unknown = || AuthError::UnknownKey {
            kid: kid.map(str::to_owned),
        };
        match self.keys.read().await.lookup(kid, alg) {
            Lookup::Found(key) => return Ok(key),
            Lookup::NoMatch => return Err(unknown()),
            Lookup::UnknownKid => {}
        }
        let Some(remote) = &self.remote else {
            return Err(unknown());
        };
        let mut last_fetch = remote.last_fetch.lock().await;
        // Whoever held the lock before us may have fetched the key we need.
        if let Lookup::Found(key) = self.keys.read().await.lookup(kid, alg) {
            return Ok(key);
        }
        if last_fetch.elapsed() < remote.min_refresh_interval {
            return Err(unknown());
        }
        // A failed or fruitless fetch counts too: otherwise tokens with made-up kids would let
        // anyone make us hammer the issuer.
        *last_fetch = Instant::now();
        let fetched = match get_text(&remote.client, &remote.jwks_uri).await {
            Ok(body) => KeySet::from_jwks_json(&body, &remote.jwks_uri),
            Err(e) => Err(e),
        };
        match fetched {
            Ok(keys) => {
                tracing::info!(jwks_uri = %remote.jwks_uri, "refreshed issuer signing keys");
                *self.keys.write().await = keys;
            }
            Err(e) => {
                tracing::warn!(jwks_uri = %remote.jwks_uri, "JWKS refresh failed: {e}");
                return Err(AuthError::KeysUnavailable { reason: e.to_string() });
            }
        }
        match self.keys.read().await.lookup(kid, alg) {
            Lookup::Found(key) => Ok(key),
            _ => Err(unknown()),
        }
    }
}

fn fetch_error(url: &str, reason: String) -> SetupError {
    SetupError::Fetch {
        url: url.to_owned(),
        reason,
    }
}

async fn get_text(client: &reqwest::Client, url: &str) -> Result<String, SetupError> {
    let response = client
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| fetch_error(url, e.to_string()))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fetch_error(url, format!("HTTP status {status}")));
    }
    response.text().await.map_err(|e| fetch_error(url, e.to_string()))
}
