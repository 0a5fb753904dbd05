//! Unit tests of `analytics::comps::index`.
use super::*;

#[test]
fn haversine_matches_a_known_distance() {
    // One degree of latitude is about 111.2 km on the mean-radius sphere.
    let d = haversine_km(42.0, -93.6, 43.0, -93.6);
    assert!((d - 111.19).abs() < 0.05, "{d}");
}

#[test]
fn nearest_returns_points_in_order_of_distance() {
    let pts = vec![(42.00, -93.60), (42.05, -93.60), (42.01, -93.60), (42.02, -93.61)];
    let idx = SpatialIndex::build(&pts);
    let order: Vec<usize> = idx.nearest(42.0, -93.6).collect();
    assert_eq!(order, vec![0, 2, 3, 1]);
    assert_eq!(idx.len(), 4);
}
