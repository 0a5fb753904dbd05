//! Unit tests of `graphql::price`.
use super as price;

#[test]
fn heavy_fields_cost_their_work() {
    let ten = price::RunSize::years(10);
    // One 100,000-path ten-year Monte Carlo fits the default cap (20,000); ten do not.
    let one = price::monte_carlo(100_000, ten);
    assert!(one <= 20_000 && 10 * one > 20_000, "{one}");
    assert_eq!(price::monte_carlo(100_001, ten), one, "priced at the limit");
    let thirty = price::RunSize::years(30);
    assert_eq!(price::monte_carlo(6_000, thirty), 3 * price::monte_carlo(6_000, ten));
    // Two 9 × 9 grids, a ten-year run per cell: 162 runs.
    assert_eq!(price::sensitivity(None, ten), (162 * 10_usize).div_ceil(60));
    // A thousand input rows cost a hundred times a small property's run.
    let big = price::RunSize {
        hold_years: Some(10),
        rows: 995,
    };
    assert_eq!(price::sensitivity(None, big), (162 * 10 * 100_usize).div_ceil(60));
    assert!(price::graph_depth(4) > 16 * price::graph_depth(2) / 2);
    assert_eq!(price::import(Some(&"x".repeat(100_000))), 2_000);
}
