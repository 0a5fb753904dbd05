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
mod tests;
