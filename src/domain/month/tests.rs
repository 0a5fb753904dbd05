//! Unit tests of `domain::month`.
use super::*;

#[test]
fn a_month_round_trips() {
    let d = parse("2026-07").unwrap();
    assert_eq!(format(d), "2026-07");
}

#[test]
fn dates_and_impossible_months_are_refused() {
    assert!(parse("2026-13").is_none());
    assert!(parse("2026-07-01").is_none());
    assert!(parse("26-07").is_none());
}
