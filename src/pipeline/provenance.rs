//! Field provenance: merging an incoming record into an existing one and recording what changed.
use super::rows::PropertyRow;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where one written field value came from and what it replaced (a `field_provenance` row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvenanceRecord {
    pub entity: String,
    pub field: String,
    pub value: Value,
    /// `None` when the field had no value before.
    pub previous_value: Option<Value>,
    pub source: String,
    pub method: String,
    pub confidence: f64,
    pub evidence_uri: Option<String>,
    pub actor: String,
}

/// Who is writing, how, and how sure they are; shared by every record of one write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WriteContext {
    /// `property`, `owner`, `lease`, …
    pub entity: String,
    /// Source name as used for trust, e.g. `import`, `mls`.
    pub source: String,
    /// `import`, `mutation`, `enrichment`, `model`, …
    pub method: String,
    /// In [0, 1].
    pub confidence: f64,
    /// The file, document or request the values came from.
    pub evidence_uri: Option<String>,
    pub actor: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProvenanceError {
    #[error("confidence: {0} is outside [0, 1]")]
    Confidence(f64),
    #[error("{0}: must not be empty")]
    Empty(&'static str),
}

/// The merged values, one record per field that changed, and the changed field names (sorted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeOutcome {
    pub merged: Map<String, Value>,
    pub records: Vec<ProvenanceRecord>,
    pub changed: Vec<String>,
}

impl MergeOutcome {
    /// Whether the write changes nothing (a re-import of the same data).
    pub fn is_noop(&self) -> bool {
        self.changed.is_empty()
    }
}

/// Equal as data: numbers compare by value, so `1500` read back from a database equals `1500.0`.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

/// Merges `incoming` into `existing` (`None` for a new entity): a non-null incoming value
/// replaces a different or missing one and is recorded with the value it replaced; null incoming
/// values never erase data; fields only `existing` has are kept.
pub fn merge(
    existing: Option<&Map<String, Value>>,
    incoming: &Map<String, Value>,
    ctx: &WriteContext,
) -> Result<MergeOutcome, ProvenanceError> {
    if !(0.0..=1.0).contains(&ctx.confidence) {
        return Err(ProvenanceError::Confidence(ctx.confidence));
    }
    for (name, v) in [
        ("entity", &ctx.entity),
        ("source", &ctx.source),
        ("method", &ctx.method),
        ("actor", &ctx.actor),
    ] {
        if v.trim().is_empty() {
            return Err(ProvenanceError::Empty(name));
        }
    }
    let mut merged = existing.cloned().unwrap_or_default();
    let mut records = Vec::new();
    let mut changed = Vec::new();
    for (field, value) in incoming {
        if value.is_null() {
            continue;
        }
        let previous = merged.get(field).filter(|v| !v.is_null());
        if previous.is_some_and(|p| same_value(p, value)) {
            continue;
        }
        records.push(ProvenanceRecord {
            entity: ctx.entity.clone(),
            field: field.clone(),
            value: value.clone(),
            previous_value: previous.cloned(),
            source: ctx.source.clone(),
            method: ctx.method.clone(),
            confidence: ctx.confidence,
            evidence_uri: ctx.evidence_uri.clone(),
            actor: ctx.actor.clone(),
        });
        changed.push(field.clone());
        merged.insert(field.clone(), value.clone());
    }
    Ok(MergeOutcome {
        merged,
        records,
        changed,
    })
}

/// The records of a write that sets the whole record to `after` (a mutation): one per field whose
/// value differs from `before`, a cleared field included (recorded with value `null`); `before =
/// None` is a new entity and records every non-null field.
pub fn diff(
    before: Option<&Map<String, Value>>,
    after: &Map<String, Value>,
    ctx: &WriteContext,
) -> Result<Vec<ProvenanceRecord>, ProvenanceError> {
    // A merge with nothing stored validates the context; its records are the new entity's fields.
    let fresh = merge(None, after, ctx)?;
    let Some(before) = before else { return Ok(fresh.records) };
    let null = Value::Null;
    let mut records = Vec::new();
    for (field, value) in after {
        let previous = before.get(field).unwrap_or(&null);
        if same_value(previous, value) {
            continue;
        }
        records.push(ProvenanceRecord {
            entity: ctx.entity.clone(),
            field: field.clone(),
            value: value.clone(),
            previous_value: (!previous.is_null()).then(|| previous.clone()),
            source: ctx.source.clone(),
            method: ctx.method.clone(),
            confidence: ctx.confidence,
            evidence_uri: ctx.evidence_uri.clone(),
            actor: ctx.actor.clone(),
        });
    }
    Ok(records)
}

/// `merge` of an imported property row (its named fields; `extra` columns are not provenance-tracked).
pub fn merge_row(
    existing: Option<&Map<String, Value>>,
    row: &PropertyRow,
    ctx: &WriteContext,
) -> Result<MergeOutcome, ProvenanceError> {
    merge(existing, &row.field_values(), ctx)
}

#[cfg(test)]
mod tests;
