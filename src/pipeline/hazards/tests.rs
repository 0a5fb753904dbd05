//! Tests of hazard scoring and pricing.
use super::*;

#[test]
fn the_composite_uses_the_configured_weights() {
    let s = HazardScores::new(0.5, 0.25, 1.0).unwrap();
    assert!((s.composite(&HazardWeights::default()).unwrap() - (0.2 + 0.1 + 0.2)).abs() < 1e-12);
    let flood_only = HazardWeights {
        flood: 1.0,
        wildfire: 0.0,
        heat: 0.0,
    };
    assert_eq!(s.composite(&flood_only).unwrap(), 0.5);
}

#[test]
fn weights_not_summing_to_one_and_scores_outside_the_unit_interval_are_refused() {
    let w = HazardWeights {
        flood: 0.5,
        wildfire: 0.5,
        heat: 0.2,
    };
    assert!(matches!(w.validate(), Err(HazardError::WeightSum(s)) if (s - 1.2).abs() < 1e-12));
    assert!(
        HazardWeights {
            flood: 0.1,
            wildfire: 0.2,
            heat: 0.7
        }
        .validate()
        .is_ok()
    );
    let err = HazardScores::new(0.1, 1.5, 0.0).unwrap_err();
    assert_eq!(
        err,
        HazardError::OutOfUnit {
            field: "wildfire_score".into(),
            value: 1.5
        }
    );
    assert!(HazardScores::new(f64::NAN, 0.0, 0.0).is_err());
}

#[test]
fn annual_cost_follows_the_dcf_seed_tiers() {
    let cfg = HazardConfig::default();
    // Composite 0.2 → 0.1% insurance; 0.5 → 0.2%; 0.6 exactly → 0.4%.
    for (score, rate) in [(0.2, 0.001), (0.5, 0.002), (0.6, 0.004)] {
        let i = assess(&HazardScores::new(score, score, score).unwrap(), 1_000_000.0, &cfg).unwrap();
        assert!((i.insurance - 1_000_000.0 * rate).abs() < 1e-6, "{score}");
        assert!((i.mitigation - 1_000_000.0 * score * 0.0015).abs() < 1e-6, "{score}");
        assert!((i.annual_cost - i.insurance - i.mitigation).abs() < 1e-9);
    }
}

#[test]
fn value_falls_as_the_composite_rises_and_matches_the_formula() {
    let low = value_adjustment_pct(0.1, 0.06).unwrap();
    let high = value_adjustment_pct(0.9, 0.06).unwrap();
    assert!(high < low && low < 0.0);
    // 0.5: (0.06 − 0.002 − 0.00075) / 0.0625 − 1.
    let mid = value_adjustment_pct(0.5, 0.06).unwrap();
    assert!((mid - (0.05725 / 0.0625 - 1.0)).abs() < 1e-12);
    assert!(value_adjustment_pct(0.5, 0.0).is_err());
    let i = assess(
        &HazardScores::new(0.5, 0.5, 0.5).unwrap(),
        200_000.0,
        &HazardConfig::default(),
    )
    .unwrap();
    assert!((i.value_adjustment - 200_000.0 * mid).abs() < 1e-6);
    assert!(
        assess(
            &HazardScores::new(0.5, 0.5, 0.5).unwrap(),
            -1.0,
            &HazardConfig::default()
        )
        .is_err()
    );
}
