//! Unit tests of `services::jobs`: the retry schedule and kind checks.
use super::*;

#[test]
fn retries_double_from_the_base_up_to_an_hour() {
    assert_eq!(retry_delay(30, 1), 30);
    assert_eq!(retry_delay(30, 2), 60);
    assert_eq!(retry_delay(30, 4), 240);
    assert_eq!(retry_delay(30, 12), 3_600);
    assert_eq!(retry_delay(0, 3), 0);
}

#[test]
fn an_unknown_kind_is_refused_naming_the_field() {
    assert!(check_kind("revalue", "input.kind").is_ok());
    let e = check_kind("nightly", "input.kind").unwrap_err();
    assert_eq!(e.code(), "BAD_USER_INPUT");
    assert!(e.message().contains("revalue"), "{}", e.message());
}
