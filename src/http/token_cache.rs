//! Verified-token cache: a token already verified is trusted again without repeating the
//! signature check until the earlier of its `exp` and a short TTL. The TTL bounds how long a
//! token signed by a key the issuer has since withdrawn stays accepted.
use crate::auth::{AuthError, Principal, Verifier};
use base64::Engine;
use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::RwLock;

const TTL: Duration = Duration::from_secs(30);
/// Beyond this many entries the cache is emptied (simple bound on memory).
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct TokenCache {
    entries: RwLock<HashMap<String, (Principal, Instant)>>,
}

/// `exp` of an already verified token (its payload is trusted after verification).
fn expiry(token: &str) -> Option<Instant> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).ok()?;
    let exp = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()?
        .get("exp")?
        .as_u64()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    // A far-future `exp` (up to u64::MAX) is valid: it cannot overflow, the TTL bounds the entry.
    let left = Duration::from_secs(exp.checked_sub(now)?).min(TTL);
    Instant::now().checked_add(left)
}

impl TokenCache {
    /// Verifies `header` (or answers from the cache).
    pub async fn verify(&self, verifier: &Verifier, header: Option<&str>) -> Result<Principal, AuthError> {
        let token = header.and_then(|h| h.split_once(' ')).map(|(_, t)| t.trim().to_owned());
        if let Some(t) = &token
            && let Some((p, until)) = self.entries.read().await.get(t)
            && Instant::now() < *until
        {
            return Ok(p.clone());
        }
        let principal = verifier.verify(header).await?;
        if let Some(t) = token
            && let Some(exp) = expiry(&t)
        {
            let until = exp.min(Instant::now() + TTL);
            let mut entries = self.entries.write().await;
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(t, (principal.clone(), until));
        }
        Ok(principal)
    }
}

#[cfg(test)]
mod tests;
