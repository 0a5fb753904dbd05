//! Unit tests of `graph::store`.
use super::check_depth;

#[test]
fn depth_is_one_to_four_and_a_refusal_names_the_field() {
    assert_eq!(check_depth(1).ok(), Some(1));
    assert_eq!(check_depth(4).ok(), Some(4));
    for bad in [0, 5, -1, 300] {
        match check_depth(bad) {
            Err(super::GraphError::BadInput { field, .. }) => assert_eq!(field, "depth"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}
