//! Unit tests of `pipeline::trust`.
use super::*;

fn inputs(source: &str, age: f64, validation: f64, confidence: f64) -> TrustInputs {
    TrustInputs {
        source: source.into(),
        age_days: age,
        validation,
        confidence,
    }
}

#[test]
fn freshness_halves_every_half_life() {
    assert_eq!(freshness(0.0, 30.0).unwrap(), 1.0);
    assert!((freshness(30.0, 30.0).unwrap() - 0.5).abs() < 1e-12);
    assert!((freshness(90.0, 30.0).unwrap() - 0.125).abs() < 1e-12);
    assert!(freshness(-1.0, 30.0).is_err());
    assert!(freshness(1.0, 0.0).is_err());
}

#[test]
fn trust_weights_the_four_components() {
    let c = TrustConfig::default();
    // mls 0.8, fresh after one half-life 0.5, validation 1, confidence 0.6.
    let t = trust(&c, &inputs("mls", 365.0, 1.0, 0.6)).unwrap();
    assert!((t - (0.30 * 0.8 + 0.20 * 0.5 + 0.30 * 1.0 + 0.20 * 0.6)).abs() < 1e-12);
    let unknown = trust(&c, &inputs("scraper", 0.0, 0.0, 0.0)).unwrap();
    assert!((unknown - (0.30 * 0.5 + 0.20)).abs() < 1e-12);
    assert!((trust(&c, &inputs("county_assessor", 0.0, 1.0, 1.0)).unwrap() - (0.30 * 0.9 + 0.70)).abs() < 1e-12);
}

#[test]
fn out_of_range_inputs_and_configs_are_refused_by_name() {
    let c = TrustConfig::default();
    let field = |r: Result<f64, TrustError>| match r {
        Err(TrustError::Invalid { field, .. }) => field,
        Ok(t) => panic!("expected an error, got {t}"),
    };
    assert_eq!(field(trust(&c, &inputs("mls", 0.0, 1.2, 0.5))), "validation");
    assert_eq!(field(trust(&c, &inputs("mls", 0.0, 1.0, -0.1))), "confidence");
    let mut bad = TrustConfig::default();
    bad.sources.insert("mls".into(), 1.5);
    assert_eq!(field(trust(&bad, &inputs("mls", 0.0, 1.0, 1.0))), "sources.mls");
    let toml_like: TrustConfig = serde_json::from_str(r#"{"half_life_days": 30, "sources": {"x": 1}}"#).unwrap();
    assert_eq!(
        (
            toml_like.half_life_days,
            toml_like.default_reliability,
            toml_like.reliability("x")
        ),
        (30.0, 0.5, 1.0)
    );
}

#[test]
fn validation_and_age_helpers_follow_their_rules() {
    assert_eq!(
        (validation_score(0, 0), validation_score(2, 0), validation_score(0, 1)),
        (1.0, 0.5, 0.0)
    );
    let now = DateTime::parse_from_rfc3339("2026-11-28T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let then = DateTime::parse_from_rfc3339("2026-11-26T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(age_days(then, now), 2.5);
}

#[test]
fn the_summary_reports_mean_minimum_and_weakest_field() {
    let f = |field: &str, trust: f64| FieldTrust {
        field: field.into(),
        trust,
    };
    let s = summarize(&[f("a", 0.9), f("b", 0.4), f("c", 0.8), f("d", 0.4)]).unwrap();
    assert!((s.mean - 0.625).abs() < 1e-12);
    assert_eq!((s.min, s.weakest_field.as_str(), s.fields), (0.4, "b", 4));
    assert_eq!(summarize(&[]), None);
}
