//! Unit tests of `analytics::market::regime`: the label rules, and a synthetic market whose
//! price rises, falls, then recovers.
use super::*;
use chrono::NaiveDate;

#[test]
fn the_label_rules() {
    assert_eq!(label(-0.05, None, 0.02), Label::Contraction);
    assert_eq!(label(-0.05, Some(0.08), 0.02), Label::Contraction);
    assert_eq!(label(0.01, Some(-0.06), 0.02), Label::Recovery);
    assert_eq!(label(0.06, Some(-0.06), 0.02), Label::Recovery);
    assert_eq!(label(0.06, Some(0.01), 0.02), Label::Expansion);
    assert_eq!(label(0.06, None, 0.02), Label::Expansion);
    assert_eq!(label(0.015, None, 0.02), Label::Stable);
    assert_eq!(label(-0.02, Some(0.0), 0.02), Label::Stable);
}

/// 10 years: +8%/yr for 5 years, −10%/yr for 2, then +3%/yr, with a little noise.
fn boom_bust_recovery() -> MonthlySeries {
    let mut price = 100_000.0f64;
    let rows = (0..120).map(|i| {
        let growth = if i < 60 {
            0.08
        } else if i < 84 {
            -0.10
        } else {
            0.03
        };
        let wiggle = ((i * 7919) % 13) as f64 / 13.0 - 0.5;
        price *= (growth / 12.0 + wiggle * 0.004).exp();
        let month = NaiveDate::from_ymd_opt(2000 + i / 12, (i % 12) as u32 + 1, 1).unwrap();
        let sales = 500.0 * (1.0 + 0.3 * f64::from(u8::from(i < 60))) + wiggle * 20.0;
        (
            month,
            Some(price),
            Some(sales),
            Some(if i < 60 { 4.0 } else { 7.0 } + wiggle),
        )
    });
    MonthlySeries::from_rows(rows.collect::<Vec<_>>())
}

#[test]
fn a_boom_a_bust_and_a_recovery_are_labelled_in_turn() {
    let s = boom_bust_recovery();
    let cfg = RegimeConfig::default();
    let at = |t| regime_at(&s, t, &cfg).unwrap();
    assert_eq!(at(58).label, Label::Expansion, "{:?}", at(58));
    let bust = at(82);
    assert_eq!(bust.label, Label::Contraction, "{bust:?}");
    assert!(bust.segment_start >= 60 && bust.segment_start <= 75, "{bust:?}");
    let later = at(118);
    assert_eq!(later.label, Label::Recovery, "{later:?}");
    assert!((later.segment_growth - 0.03).abs() < 0.02, "{later:?}");
    assert_eq!(later.run_length_posterior.len(), 120, "r = 0..=119 after 119 months");
    assert!((later.run_length_posterior.iter().sum::<f64>() - 1.0).abs() < 1e-9);
}

#[test]
fn the_first_year_has_no_regime_and_months_past_the_end_none_either() {
    let s = boom_bust_recovery();
    let cfg = RegimeConfig::default();
    assert_eq!(regime_at(&s, 5, &cfg), Err(RegimeError::NoGrowth));
    assert_eq!(regime_at(&s, 500, &cfg), Err(RegimeError::OutOfRange(500)));
}

#[test]
fn each_series_alarms_where_it_breaks() {
    let s = boom_bust_recovery();
    let cfg = RegimeConfig::default();
    for kind in SeriesKind::ALL {
        let points = track(&s.raw(kind), &cfg).unwrap();
        let found = alarms(&points, &cfg);
        assert!(found.iter().any(|a| (60..=84).contains(&a.t)), "{kind:?}: {found:?}");
        assert!(found.iter().all(|a| a.probability > 0.0 && a.probability <= 1.0));
    }
}

#[test]
fn a_label_reads_back_from_its_stored_name() {
    for l in Label::ALL {
        assert_eq!(Label::parse(l.as_str()), Some(l));
        assert_eq!(serde_json::to_value(l).ok(), Some(serde_json::json!(l.as_str())));
    }
    assert_eq!(Label::parse("expansion"), None);
}
