//! What one batch of an import queues for writing (properties, provenance, hazards, owners,
//! leases and unit types) and the provenance row of an imported value; shared by the write,
//! hazards and children stages.
use crate::persistence::repositories::records::provenance_row;
use crate::pipeline::trust::validation_score;
use crate::pipeline::{ChildKind, ProvenanceRecord};
use chrono::{DateTime, Utc};
use reos_entities::enums::OwnerType;
use reos_entities::{field_provenance, property, property_hazard};
use serde_json::{Map, Value};
use uuid::Uuid;

/// What one batch will insert or update.
#[derive(Default)]
pub(super) struct Writes {
    pub(super) inserts: Vec<property::Model>,
    pub(super) updates: Vec<property::Model>,
    pub(super) provenance: Vec<field_provenance::Model>,
    pub(super) hazards: Vec<property_hazard::ActiveModel>,
    /// (property, owner name, owner type, share %).
    pub(super) owners: Vec<(Uuid, String, OwnerType, f64)>,
    pub(super) children: Vec<ChildWrite>,
    pub(super) touched: Vec<Uuid>,
}

/// A child record queued for a property of the batch.
pub(super) struct ChildWrite {
    pub(super) property: Uuid,
    pub(super) kind: ChildKind,
    pub(super) values: Map<String, Value>,
    pub(super) evidence: String,
    /// Fields with a gate warning (recorded with validation 0.5).
    pub(super) warned_fields: Vec<String>,
}

/// An imported value's provenance row; a value that drew a gate warning is recorded with the
/// validation score of a warning (0.5) instead of 1.
pub(super) fn checked_row(
    tenant: Uuid,
    entity_id: Uuid,
    r: ProvenanceRecord,
    now: DateTime<Utc>,
    warning: bool,
) -> field_provenance::Model {
    let mut m = provenance_row(tenant, entity_id, r, now);
    m.validation = validation_score(usize::from(warning), 0);
    m
}
