use super::*;

fn cfg() -> BoostConfig {
    BoostConfig {
        trees: 100,
        learning_rate: 0.1,
        leaves: 8,
        min_leaf: 5,
        row_share: 0.8,
        column_share: 1.0,
        bins: 63,
        seed: 3,
    }
}

/// Column-major data of `rows` × 2: x0 on a grid, x1 = a distractor.
fn grid(rows: usize) -> Vec<f64> {
    let x0 = (0..rows).map(|i| i as f64 / rows as f64);
    let x1 = (0..rows).map(|i| ((i * 7919) % rows) as f64);
    x0.chain(x1).collect()
}

#[test]
fn learns_a_step_and_ignores_a_distractor() {
    let n = 400;
    let data = grid(n);
    let y: Vec<f64> = (0..n).map(|i| if i * 2 >= n { 10.0 } else { 0.0 }).collect();
    let b = Booster::fit(&data, n, 2, &y, &cfg());
    assert_eq!(b.trees(), 100);
    assert!(
        (b.predict(&[0.1, 3.0]) - 0.0).abs() < 0.05,
        "{}",
        b.predict(&[0.1, 3.0])
    );
    assert!(
        (b.predict(&[0.9, 3.0]) - 10.0).abs() < 0.05,
        "{}",
        b.predict(&[0.9, 3.0])
    );
    // The distractor moves next to nothing.
    assert!((b.predict(&[0.9, 3.0]) - b.predict(&[0.9, 300.0])).abs() < 0.05);
}

#[test]
fn fits_a_smooth_curve_and_repeats_with_the_seed() {
    let n = 500;
    let data = grid(n);
    let y: Vec<f64> = (0..n).map(|i| (6.0 * i as f64 / n as f64).sin()).collect();
    let b = Booster::fit(&data, n, 2, &y, &cfg());
    let sse: f64 = (0..n)
        .map(|i| (b.predict(&[data[i], data[n + i]]) - y[i]).powi(2))
        .sum();
    let sst: f64 = y.iter().map(|v| v * v).sum();
    assert!(sse / sst < 0.02, "unexplained share {}", sse / sst);
    assert_eq!(b, Booster::fit(&data, n, 2, &y, &cfg()));
    let other = Booster::fit(&data, n, 2, &y, &BoostConfig { seed: 4, ..cfg() });
    assert_ne!(b, other);
}

#[test]
fn missing_values_take_their_own_side() {
    let n = 300;
    let mut data = grid(n);
    let mut y = vec![1.0; n];
    for i in (0..n).step_by(3) {
        data[i] = f64::NAN;
        y[i] = 5.0;
    }
    let b = Booster::fit(&data, n, 2, &y, &cfg());
    assert!((b.predict(&[f64::NAN, 1.0]) - 5.0).abs() < 0.05);
    assert!((b.predict(&[0.5, 1.0]) - 1.0).abs() < 0.05);
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let empty = Booster::fit(&[], 0, 2, &[], &cfg());
    assert_eq!(empty.predict(&[1.0, 2.0]), 0.0);
    let mismatched = Booster::fit(&[1.0, 2.0], 2, 2, &[1.0, 2.0], &cfg());
    assert_eq!(mismatched.trees(), 0);
    assert!(
        mismatched.predict(&[1.0]).is_nan(),
        "a row of the wrong width has no prediction"
    );
    // One constant column: nothing to split, the mean is the answer.
    let flat = Booster::fit(&[1.0; 50], 50, 1, &[2.0; 50], &cfg());
    assert_eq!(flat.predict(&[1.0]), 2.0);
}
