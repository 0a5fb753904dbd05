//! Unit tests of `graphql::pagination`.
use super::*;

#[test]
fn first_above_the_cap_is_refused_not_clamped() {
    let limits = GraphqlSettings::default();
    let err = page(&limits, Some(501), None).unwrap_err();
    assert_eq!(err.code(), "BAD_USER_INPUT");
}

#[test]
fn after_continues_behind_the_cursor() {
    let limits = GraphqlSettings::default();
    let c = OpaqueCursor(9u64).encode_cursor();
    let p = page(&limits, Some(5), Some(&c)).unwrap();
    assert_eq!((p.offset, p.limit), (10, 5));
}

#[test]
fn cursors_beyond_a_database_offset_are_refused_not_wrapped() {
    let limits = GraphqlSettings::default();
    let refused = |c: &str| match page(&limits, Some(5), Some(c)) {
        Err(ApiError::BadInput { field, .. }) => field == "after",
        _ => false,
    };
    assert!(refused(&OpaqueCursor(i64::MAX as u64).encode_cursor()));
    assert!(refused(&OpaqueCursor(u64::MAX).encode_cursor()));
    assert!(refused(&OpaqueCursor(-1i64).encode_cursor()));
    assert!(refused("not a cursor"));
    assert!(refused(""));
    let last = page(
        &limits,
        Some(5),
        Some(&OpaqueCursor(i64::MAX as u64 - 1).encode_cursor()),
    )
    .unwrap();
    assert_eq!(last.offset, MAX_OFFSET);
}
