//! The in-process limiter (the embedded default, used when no `REOS_REDIS_URL` is set): the same
//! GCRA as Redis over a map of TATs, with an injectable clock for tests.
use super::gcra::{self, KeyVerdict};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Milliseconds on a monotonic timeline.
pub trait Clock: Send + Sync {
    fn now_ms(&self) -> f64;
}

/// The process's monotonic clock.
pub struct SystemClock(Instant);

impl Default for SystemClock {
    fn default() -> Self {
        Self(Instant::now())
    }
}

impl Clock for SystemClock {
    fn now_ms(&self) -> f64 {
        self.0.elapsed().as_secs_f64() * 1_000.0
    }
}

/// Keys whose bucket is full are dropped every this many decisions (they equal an absent key).
const SWEEP_EVERY: u64 = 4_096;

pub struct MemoryStore {
    clock: Box<dyn Clock>,
    tats: Mutex<HashMap<String, f64>>,
    decisions: AtomicU64,
}

impl MemoryStore {
    pub fn new(clock: Box<dyn Clock>) -> Self {
        Self {
            clock,
            tats: Mutex::new(HashMap::new()),
            decisions: AtomicU64::new(0),
        }
    }

    /// One atomic decision over `keys` (key, limit): the map is locked for the whole of it.
    pub fn decide(&self, period_ms: f64, cost: u64, keys: &[(&str, u64)]) -> (bool, Vec<KeyVerdict>) {
        let now = self.clock.now_ms();
        // A poisoned lock only means another thread panicked mid-decision; the map is still valid.
        let mut tats = self.tats.lock().unwrap_or_else(|p| p.into_inner());
        let stored: Vec<_> = keys.iter().map(|(k, l)| (tats.get(*k).copied(), *l)).collect();
        let (ok, verdicts, new_tats) = gcra::decide(now, period_ms, cost, &stored);
        if ok {
            for ((k, _), tat) in keys.iter().zip(new_tats) {
                tats.insert((*k).to_owned(), tat);
            }
        }
        if self.decisions.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            tats.retain(|_, tat| *tat > now);
        }
        (ok, verdicts)
    }

    /// Keys currently held (tests).
    pub fn len(&self) -> usize {
        self.tats.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests;
