//! Unit tests of `http::token_cache`.
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
