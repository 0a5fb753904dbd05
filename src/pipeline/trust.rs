//! Trust in a field value: source reliability, freshness, validation and confidence, combined.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A trust input that cannot be used; `field` names it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrustError {
    #[error("{field}: {reason} (got {value})")]
    Invalid {
        field: String,
        value: f64,
        reason: &'static str,
    },
}

fn check(field: &str, value: f64, ok: bool, reason: &'static str) -> Result<f64, TrustError> {
    if ok {
        Ok(value)
    } else {
        Err(TrustError::Invalid {
            field: field.to_string(),
            value,
            reason,
        })
    }
}

fn unit(field: &str, value: f64) -> Result<f64, TrustError> {
    check(field, value, (0.0..=1.0).contains(&value), "must be in [0, 1]")
}

/// Trust settings; source names are matched exactly (`import`, `mls`, `county_assessor`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrustConfig {
    /// Days after which freshness halves.
    pub half_life_days: f64,
    /// Reliability of a source not listed in `sources`.
    pub default_reliability: f64,
    pub sources: BTreeMap<String, f64>,
}

impl Default for TrustConfig {
    fn default() -> Self {
        let sources = [
            ("county_assessor", 0.9),
            ("mls", 0.8),
            ("import", 0.7),
            ("user", 0.6),
            ("model", 0.5),
        ];
        TrustConfig {
            half_life_days: 365.0,
            default_reliability: 0.5,
            sources: sources.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }
}

impl TrustConfig {
    pub fn validate(&self) -> Result<(), TrustError> {
        let h = self.half_life_days;
        check("half_life_days", h, h.is_finite() && h > 0.0, "must be > 0")?;
        unit("default_reliability", self.default_reliability)?;
        for (name, r) in &self.sources {
            unit(&format!("sources.{name}"), *r)?;
        }
        Ok(())
    }

    pub fn reliability(&self, source: &str) -> f64 {
        self.sources.get(source).copied().unwrap_or(self.default_reliability)
    }
}

/// `0.5^(age_days / half_life_days)`: 1 when new, ½ after one half-life.
pub fn freshness(age_days: f64, half_life_days: f64) -> Result<f64, TrustError> {
    check(
        "age_days",
        age_days,
        age_days.is_finite() && age_days >= 0.0,
        "must be ≥ 0 (a record from the future?)",
    )?;
    check(
        "half_life_days",
        half_life_days,
        half_life_days.is_finite() && half_life_days > 0.0,
        "must be > 0",
    )?;
    Ok(0.5_f64.powf(age_days / half_life_days))
}

/// Age in (fractional) days between when a value was recorded and `now`.
pub fn age_days(recorded_at: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    // Milliseconds fit an f64 exactly for any realistic age.
    (now - recorded_at).num_milliseconds() as f64 / 86_400_000.0
}

/// Validation component from a value's gate results: 1 when it passed every expectation, 0.5 with
/// warnings only, 0 with a blocking failure (such a value is normally never written).
pub fn validation_score(warnings: usize, blocking: usize) -> f64 {
    match (warnings, blocking) {
        (_, b) if b > 0 => 0.0,
        (0, _) => 1.0,
        _ => 0.5,
    }
}

/// What trust in one field value is computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustInputs {
    pub source: String,
    pub age_days: f64,
    /// In [0, 1]; see `validation_score`.
    pub validation: f64,
    /// The writer's own confidence, in [0, 1].
    pub confidence: f64,
}

/// `clamp01(0.30·reliability + 0.20·freshness + 0.30·validation + 0.20·confidence)`.
pub fn trust(config: &TrustConfig, inputs: &TrustInputs) -> Result<f64, TrustError> {
    config.validate()?;
    let fresh = freshness(inputs.age_days, config.half_life_days)?;
    let validation = unit("validation", inputs.validation)?;
    let confidence = unit("confidence", inputs.confidence)?;
    let t = 0.30 * config.reliability(&inputs.source) + 0.20 * fresh + 0.30 * validation + 0.20 * confidence;
    Ok(t.clamp(0.0, 1.0))
}

/// Trust of one field of a property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldTrust {
    pub field: String,
    pub trust: f64,
}

/// Property-level summary: the mean and the weakest field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrustSummary {
    pub fields: usize,
    pub mean: f64,
    pub min: f64,
    /// The field with the lowest trust (the first such in input order).
    pub weakest_field: String,
}

/// `None` when the property has no field with a trust value.
pub fn summarize(fields: &[FieldTrust]) -> Option<TrustSummary> {
    let weakest = fields.iter().fold(None::<&FieldTrust>, |w, f| match w {
        Some(w) if w.trust <= f.trust => Some(w),
        _ => Some(f),
    })?;
    // Field counts are small; the conversion is exact.
    let mean = fields.iter().map(|f| f.trust).sum::<f64>() / fields.len() as f64;
    Some(TrustSummary {
        fields: fields.len(),
        mean,
        min: weakest.trust,
        weakest_field: weakest.field.clone(),
    })
}

#[cfg(test)]
mod tests {
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
}
