//! Unit tests of `analytics::comps::linalg`.
use super::*;
use ndarray::array;

#[test]
fn a_small_positive_definite_system_is_solved_exactly() {
    let a = array![[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]];
    let x_true = array![1.0, -2.0, 0.5];
    let b = a.dot(&x_true);
    let x = solve_spd(&a, &b).unwrap();
    for (u, v) in x.iter().zip(x_true.iter()) {
        assert!((u - v).abs() < 1e-12);
    }
}

#[test]
fn an_indefinite_matrix_is_refused() {
    let a = array![[1.0, 2.0], [2.0, 1.0]];
    assert!(solve_spd(&a, &array![1.0, 1.0]).is_none());
}
