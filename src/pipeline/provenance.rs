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
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx() -> WriteContext {
        WriteContext {
            entity: "property".into(),
            source: "import".into(),
            method: "import".into(),
            confidence: 0.8,
            evidence_uri: Some("file://batch.csv#row=3".into()),
            actor: "user:ana".into(),
        }
    }

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn a_new_entity_records_every_non_null_field_without_previous_values() {
        let out = merge(
            None,
            &map(json!({"city": "AMES", "bedrooms": 3, "pool_sf": null})),
            &ctx(),
        )
        .unwrap();
        assert_eq!(out.changed, vec!["bedrooms", "city"]);
        assert!(
            out.records
                .iter()
                .all(|r| r.previous_value.is_none() && r.actor == "user:ana")
        );
        assert_eq!(out.merged, map(json!({"city": "AMES", "bedrooms": 3})));
    }

    #[test]
    fn changed_fields_are_recorded_with_what_they_replaced_and_nulls_never_erase() {
        let existing = map(json!({"city": "AMES", "bedrooms": 3, "living_area_sf": 1500.0, "name": "Elm house"}));
        let incoming = map(json!({"city": "AMES", "bedrooms": 4, "living_area_sf": 1500, "name": null, "pool_sf": 0}));
        let out = merge(Some(&existing), &incoming, &ctx()).unwrap();
        assert_eq!(out.changed, vec!["bedrooms", "pool_sf"]);
        assert_eq!(out.records[0].previous_value, Some(json!(3)));
        assert_eq!(out.records[0].value, json!(4));
        assert_eq!(out.records[1].previous_value, None);
        assert_eq!(
            out.merged,
            map(json!({"city": "AMES", "bedrooms": 4, "living_area_sf": 1500.0, "name": "Elm house", "pool_sf": 0}))
        );
    }

    #[test]
    fn re_importing_the_same_values_changes_nothing() {
        let existing = map(json!({"city": "AMES", "bedrooms": 3}));
        let out = merge(Some(&existing), &existing, &ctx()).unwrap();
        assert!(out.is_noop() && out.records.is_empty());
        assert_eq!(out.merged, existing);
    }

    #[test]
    fn merging_a_row_uses_its_named_fields() {
        let row = PropertyRow {
            external_id: "P-1".into(),
            bedrooms: Some(2),
            ..PropertyRow::default()
        };
        let out = merge_row(None, &row, &ctx()).unwrap();
        assert!(out.changed.contains(&"bedrooms".to_string()) && out.changed.contains(&"external_id".to_string()));
        assert!(!out.changed.contains(&"pool_sf".to_string()));
    }

    #[test]
    fn a_bad_context_is_refused() {
        let bad = WriteContext {
            confidence: 1.5,
            ..ctx()
        };
        assert_eq!(
            merge(None, &Map::new(), &bad).unwrap_err(),
            ProvenanceError::Confidence(1.5)
        );
        let bad = WriteContext {
            actor: " ".into(),
            ..ctx()
        };
        assert_eq!(
            merge(None, &Map::new(), &bad).unwrap_err(),
            ProvenanceError::Empty("actor")
        );
    }
}
