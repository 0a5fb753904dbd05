//! Unit tests of `ratelimit::gcra`.
use super::*;

const MINUTE: f64 = 60_000.0;

#[test]
fn a_fresh_key_allows_its_whole_budget_at_once_and_nothing_more() {
    let (ok, v, tats) = decide(1_000.0, MINUTE, 600, &[(None, 600)]);
    assert!(ok);
    assert_eq!(v[0].remaining, 0);
    assert_eq!(v[0].reset_ms, 60_000);
    let (ok, v, _) = decide(1_000.0, MINUTE, 1, &[(Some(tats[0]), 600)]);
    assert!(!ok);
    assert_eq!(v[0].retry_after_ms, 100, "one unit refills every 100 ms");
}

#[test]
fn the_budget_refills_at_limit_per_period() {
    let (_, _, tats) = decide(0.0, MINUTE, 600, &[(None, 600)]);
    // 1.05 s later, 10 units are back (one per 100 ms).
    let (ok, v, _) = decide(1_050.0, MINUTE, 10, &[(Some(tats[0]), 600)]);
    assert!(ok);
    assert_eq!(v[0].remaining, 0);
    let (ok, _, _) = decide(1_050.0, MINUTE, 11, &[(Some(tats[0]), 600)]);
    assert!(!ok);
}

#[test]
fn cost_is_spent_not_requests() {
    let (_, v, tats) = decide(0.0, MINUTE, 250, &[(None, 1_000)]);
    assert_eq!(v[0].remaining, 750);
    let (_, v, _) = decide(0.0, MINUTE, 1, &[(Some(tats[0]), 1_000)]);
    assert_eq!(v[0].remaining, 749);
}

#[test]
fn a_refused_request_spends_nothing_on_any_key() {
    // The user key has room, the tenant key does not: nothing is advanced.
    let (_, _, t) = decide(0.0, MINUTE, 95, &[(None, 100)]);
    let (ok, v, _) = decide(0.0, MINUTE, 10, &[(Some(t[0]), 100), (None, 1_000)]);
    assert!(!ok);
    assert!(!v[0].allowed && v[1].allowed);
    assert_eq!(v[0].remaining, 5, "remaining before the refused request");
}

#[test]
fn an_idle_key_is_as_good_as_a_new_one() {
    let (_, _, t) = decide(0.0, MINUTE, 100, &[(None, 100)]);
    let later = decide(600_000.0, MINUTE, 100, &[(Some(t[0]), 100)]);
    let fresh = decide(600_000.0, MINUTE, 100, &[(None, 100)]);
    assert_eq!(later.1, fresh.1);
}
