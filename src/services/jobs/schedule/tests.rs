//! Unit tests of `services::jobs::schedule`: the most recent fire time within the window.
use super::*;
use chrono::TimeZone;

fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 8, h, m, s).single().unwrap_or_default()
}

#[test]
fn the_last_fire_time_within_the_window_is_due() {
    // Nightly at 02:00: at 02:00:30 it is due (30 s old); at 03:30 it is 90 min old, past a 1 h window.
    assert_eq!(due("0 0 2 * * *", at(2, 0, 30), 3_600), Some(at(2, 0, 0)));
    assert_eq!(due("0 0 2 * * *", at(2, 0, 0), 3_600), Some(at(2, 0, 0)));
    assert_eq!(due("0 0 2 * * *", at(3, 30, 0), 3_600), None);
    assert_eq!(due("0 0 2 * * *", at(1, 59, 59), 3_600), None);
    // Every 10 s: the latest one.
    assert_eq!(due("*/10 * * * * *", at(5, 0, 27), 60), Some(at(5, 0, 20)));
    assert_eq!(due("not cron", at(5, 0, 27), 60), None);
    assert_eq!(key("nightly", at(2, 0, 0)), "nightly@2026-12-08T02:00:00Z");
}
