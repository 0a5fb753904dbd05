//! Unit tests of `ratelimit::memory`.
use super::*;
use std::sync::Arc;

/// A clock the test moves by hand.
#[derive(Clone, Default)]
struct Manual(Arc<AtomicU64>);

impl Clock for Manual {
    fn now_ms(&self) -> f64 {
        self.0.load(Ordering::Relaxed) as f64
    }
}

#[test]
fn users_share_the_tenant_key_and_refusals_spend_nothing() {
    let clock = Manual::default();
    let store = MemoryStore::new(Box::new(clock.clone()));
    let (ok, _) = store.decide(60_000.0, 80, &[("t", 100), ("u1", 100)]);
    assert!(ok);
    // u2 has its own room but the tenant has only 20 left.
    let (ok, v) = store.decide(60_000.0, 30, &[("t", 100), ("u2", 100)]);
    assert!(!ok);
    assert_eq!(v[0].remaining, 20);
    assert_eq!(v[0].retry_after_ms, 6_000, "10 units at 600 ms each");
    clock.0.store(6_000, Ordering::Relaxed);
    let (ok, v) = store.decide(60_000.0, 30, &[("t", 100), ("u2", 100)]);
    assert!(ok);
    assert_eq!((v[0].remaining, v[1].remaining), (0, 70));
}

#[test]
fn full_buckets_are_swept() {
    let clock = Manual::default();
    let store = MemoryStore::new(Box::new(clock.clone()));
    for i in 0..100 {
        store.decide(60_000.0, 1, &[(&format!("k{i}"), 10)]);
    }
    assert_eq!(store.len(), 100);
    clock.0.store(120_000, Ordering::Relaxed);
    for _ in 0..SWEEP_EVERY {
        store.decide(60_000.0, 1, &[("busy", 1_000_000)]);
    }
    assert_eq!(store.len(), 1, "only the key still filling survives");
}
