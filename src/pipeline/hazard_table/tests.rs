//! Unit tests of `pipeline::hazard_table`.
use super::*;

fn p(lat: f64, lon: f64, flood: f64) -> HazardPoint {
    HazardPoint {
        lat,
        lon,
        flood,
        wildfire: 0.1,
        heat: 0.2,
    }
}

/// The answer a full scan gives, to check the grid against.
fn scan(points: &[HazardPoint], lat: f64, lon: f64, radius: f64) -> Option<usize> {
    let d = |q: &HazardPoint| haversine_m(lat, lon, q.lat, q.lon);
    let inside = points.iter().enumerate().filter(|(_, q)| d(q) <= radius);
    inside
        .min_by(|a, b| d(a.1).total_cmp(&d(b.1)).then(a.0.cmp(&b.0)))
        .map(|(i, _)| i)
}

#[test]
fn haversine_matches_a_known_distance() {
    // One degree of latitude is about 111.2 km.
    assert!((haversine_m(42.0, -93.6, 43.0, -93.6) - 111_195.0).abs() < 5.0);
}

#[test]
fn the_nearest_point_within_the_radius_answers() {
    let t = HazardTable::new(vec![p(42.0, -93.6, 0.1), p(42.01, -93.6, 0.9)], 2_000.0).unwrap();
    let m = t.lookup(42.008, -93.6).unwrap().unwrap();
    assert_eq!((m.index, m.scores.flood()), (1, 0.9));
    assert!((m.distance_m - 222.4).abs() < 1.0);
    assert_eq!(t.lookup(42.5, -93.6).unwrap(), None);
}

#[test]
fn the_grid_agrees_with_a_full_scan() {
    let mut points = Vec::new();
    for i in 0..40 {
        for j in 0..40 {
            let (x, y) = (f64::from(i), f64::from(j));
            points.push(p(41.9 + x * 0.0041 + (y * 0.37).sin() * 0.001, -93.7 + y * 0.0053, 0.5));
        }
    }
    let t = HazardTable::new(points.clone(), 350.0).unwrap();
    for q in 0..300 {
        let f = f64::from(q);
        let (lat, lon) = (41.895 + (f * 0.61).fract() * 0.17, -93.705 + (f * 0.37).fract() * 0.22);
        let got = t.lookup(lat, lon).unwrap().map(|m| m.index);
        assert_eq!(got, scan(&points, lat, lon, 350.0), "query {q} at {lat},{lon}");
    }
}

#[test]
fn bad_points_and_radii_are_refused_naming_the_point() {
    let err = HazardTable::new(vec![p(42.0, -93.6, 0.1), p(42.0, -93.6, 1.2)], 500.0).unwrap_err();
    assert_eq!(
        err,
        HazardError::OutOfUnit {
            field: "hazard_table[1].flood".into(),
            value: 1.2
        }
    );
    let err = HazardTable::new(vec![p(91.0, 0.0, 0.1)], 500.0).unwrap_err();
    assert!(matches!(err, HazardError::Invalid { ref field, .. } if field == "hazard_table[0].lat"));
    assert!(HazardTable::new(vec![], 0.0).is_err());
    assert!(HazardTable::new(vec![], 10.0).unwrap().lookup(0.0, 200.0).is_err());
}
