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
mod tests {
    use super::*;
    use crate::auth::Role;
    use crate::auth::dev::DevKeys;

    #[tokio::test]
    async fn a_verified_token_is_answered_from_the_cache_and_a_bad_one_never_is() {
        let dir = tempfile::tempdir().unwrap();
        let keys = DevKeys::load_or_create(dir.path()).unwrap();
        let cache = TokenCache::default();
        let token = keys.mint("acme", Role::Analyst, Duration::from_secs(600)).unwrap();
        let header = format!("Bearer {token}");
        let first = cache.verify(&keys.verifier(), Some(&header)).await.unwrap();
        assert_eq!(cache.entries.read().await.len(), 1);
        // A verifier that trusts nothing proves the second answer came from the cache.
        let other = DevKeys::load_or_create(tempfile::tempdir().unwrap().path()).unwrap();
        let second = cache.verify(&other.verifier(), Some(&header)).await.unwrap();
        assert_eq!(first, second);
        let forged = format!("Bearer {}x", token);
        assert!(cache.verify(&keys.verifier(), Some(&forged)).await.is_err());
        assert_eq!(cache.entries.read().await.len(), 1, "failures are not cached");
    }

    /// A validly signed token whose `exp` is near u64::MAX used to panic ("overflow when adding
    /// duration to instant"); it is accepted and cached for the TTL like any other.
    #[tokio::test]
    async fn a_far_future_expiry_does_not_overflow() {
        let dir = tempfile::tempdir().unwrap();
        let keys = DevKeys::load_or_create(dir.path()).unwrap();
        let cache = TokenCache::default();
        for exp in [10_000_000_000_000_000_000u64, u64::MAX] {
            let ttl = exp - jsonwebtoken::get_current_timestamp();
            let token = keys.mint("acme", Role::Analyst, Duration::from_secs(ttl)).unwrap();
            let header = format!("Bearer {token}");
            let verified = cache.verify(&keys.verifier(), Some(&header)).await;
            assert!(verified.is_ok(), "exp {exp}: {verified:?}");
            let (_, until) = cache.entries.read().await.get(&token).cloned().unwrap();
            assert!(until <= Instant::now() + TTL);
        }
    }
}
