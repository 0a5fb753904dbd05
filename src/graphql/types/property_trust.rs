//! `Property.field(name)` and `Property.trust`: a field's value, its trust (src/pipeline/trust.rs)
//! and its provenance history, from `field_provenance` (batched through the DataLoader).
use crate::pipeline::trust::{FieldTrust, TrustInputs, age_days, summarize, trust};
use crate::pipeline::{COLUMNS, TrustConfig};
use async_graphql::{Json, SimpleObject};
use chrono::{DateTime, Utc};
use reos_entities::field_provenance;
use std::collections::BTreeMap;

/// One recorded write of a field.
#[derive(SimpleObject)]
pub struct FieldChange {
    pub value: Json<serde_json::Value>,
    pub previous_value: Option<Json<serde_json::Value>>,
    pub source: String,
    pub method: String,
    pub confidence: f64,
    pub actor: String,
    pub evidence_uri: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// A field's current value, the trust in it (none without provenance) and its history, newest first.
#[derive(SimpleObject)]
pub struct PropertyField {
    pub name: String,
    pub value: Json<serde_json::Value>,
    pub trust: Option<f64>,
    pub history: Vec<FieldChange>,
}

/// Trust over the property's fields that have provenance.
#[derive(SimpleObject)]
pub struct PropertyTrust {
    pub mean: f64,
    pub min: f64,
    pub weakest_field: String,
    /// Number of fields with a trust value.
    pub fields: i32,
}

/// Whether `name` is a property field of the import format.
pub fn known_field(name: &str) -> bool {
    COLUMNS.contains(&name)
}

/// Trust in the newest write of a field; its validation part is the one recorded with the write
/// (1 when the value passed every gate, 0.5 with warnings — a blocking failure is never written).
fn trust_of(config: &TrustConfig, latest: &field_provenance::Model, now: DateTime<Utc>) -> Option<f64> {
    let inputs = TrustInputs {
        source: latest.source.clone(),
        // A write stamped a moment ahead of this clock (another host) counts as brand new.
        age_days: age_days(latest.recorded_at, now).max(0.0),
        validation: latest.validation,
        confidence: latest.confidence,
    };
    trust(config, &inputs).ok()
}

pub fn field(
    config: &TrustConfig,
    name: &str,
    value: serde_json::Value,
    rows: &[field_provenance::Model],
) -> PropertyField {
    let mine: Vec<&field_provenance::Model> = rows.iter().filter(|r| r.field == name).collect();
    let now = Utc::now();
    PropertyField {
        name: name.to_owned(),
        value: Json(value),
        trust: mine.last().and_then(|l| trust_of(config, l, now)),
        history: mine
            .iter()
            .rev()
            .map(|r| FieldChange {
                value: Json(r.value.clone()),
                previous_value: r.previous_value.clone().map(Json),
                source: r.source.clone(),
                method: r.method.clone(),
                confidence: r.confidence,
                actor: r.actor.clone(),
                evidence_uri: r.evidence_uri.clone(),
                recorded_at: r.recorded_at,
            })
            .collect(),
    }
}

pub fn summary(config: &TrustConfig, rows: &[field_provenance::Model]) -> Option<PropertyTrust> {
    let now = Utc::now();
    let mut latest: BTreeMap<&str, &field_provenance::Model> = BTreeMap::new();
    for r in rows {
        latest.insert(r.field.as_str(), r);
    }
    let fields: Vec<FieldTrust> = latest
        .into_iter()
        .filter_map(|(f, r)| {
            trust_of(config, r, now).map(|t| FieldTrust {
                field: f.to_owned(),
                trust: t,
            })
        })
        .collect();
    summarize(&fields).map(|s| PropertyTrust {
        mean: s.mean,
        min: s.min,
        weakest_field: s.weakest_field,
        fields: i32::try_from(s.fields).unwrap_or(i32::MAX),
    })
}
