//! GCRA (generic cell rate algorithm) over several keys at once, pure: the caller brings the
//! stored theoretical arrival times (TATs) and the clock. `gcra.lua` is the same function for Redis.
//!
//! A key with `limit` cost units per `period` refills one unit every `period / limit`; a full
//! bucket holds `limit` units. A request of cost `c` moves the key's TAT to `max(tat, now) + c ×
//! interval` and is allowed when that lies at most one period ahead of `now`. With several keys
//! (tenant and user) the request is allowed only when every key allows it, and only then is any
//! key advanced, so a refused request spends nothing anywhere.

/// The outcome for one key, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyVerdict {
    pub allowed: bool,
    /// Whole cost units left after this request (before it, when refused).
    pub remaining: u64,
    /// Until the key's bucket is full again.
    pub reset_ms: u64,
    /// Until a request of this cost would be allowed (0 when allowed).
    pub retry_after_ms: u64,
}

/// Decides one request of `cost` against `keys` = (stored TAT or None, limit per period).
/// Returns whether it is allowed, each key's verdict and the TATs to store (when allowed).
pub fn decide(
    now_ms: f64,
    period_ms: f64,
    cost: u64,
    keys: &[(Option<f64>, u64)],
) -> (bool, Vec<KeyVerdict>, Vec<f64>) {
    let mut all = true;
    let mut verdicts = Vec::with_capacity(keys.len());
    let mut new_tats = Vec::with_capacity(keys.len());
    for &(stored, limit) in keys {
        let interval = period_ms / limit.max(1) as f64;
        let tat = stored.unwrap_or(now_ms).max(now_ms);
        let new_tat = tat + cost as f64 * interval;
        let ok = new_tat - now_ms <= period_ms;
        all &= ok;
        let used = if ok { new_tat } else { tat };
        let remaining = ((period_ms - (used - now_ms)) / interval + 1e-9).floor().max(0.0) as u64;
        let retry = if ok { 0.0 } else { (new_tat - now_ms - period_ms).ceil() };
        verdicts.push(KeyVerdict {
            allowed: ok,
            remaining,
            reset_ms: (used - now_ms).ceil() as u64,
            retry_after_ms: retry as u64,
        });
        new_tats.push(new_tat);
    }
    (all, verdicts, new_tats)
}

#[cfg(test)]
mod tests;
