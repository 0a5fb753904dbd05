//! Audit events (one row per successful mutation, in the mutation's own transaction) and field
//! provenance rows.
use crate::persistence::TenantTx;
use reos_entities::audit_event;
use sea_orm::{ActiveModelTrait, DbErr, Set};
use uuid::Uuid;

/// Who did what to which entity.
pub struct Audit<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<Uuid>,
    pub details: serde_json::Value,
    pub request_id: Option<&'a str>,
}

pub async fn audit(tx: &TenantTx, a: Audit<'_>) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tx.tenant().uuid()),
        actor: Set(a.actor.to_owned()),
        action: Set(a.action.to_owned()),
        entity: Set(a.entity.to_owned()),
        entity_id: Set(a.entity_id),
        details: Set(a.details),
        request_id: Set(a.request_id.map(str::to_owned)),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(tx.conn())
    .await
    .map(|_| ())
}

/// Field provenance of properties, oldest first per property (one statement).
pub async fn property_provenance(
    tx: &TenantTx,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<reos_entities::field_provenance::Model>>, DbErr> {
    use reos_entities::field_provenance::{Column as C, Entity};
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let rows = super::scoped::<Entity>(tx)
        .filter(C::Entity.eq("property"))
        .filter(C::EntityId.is_in(ids.to_vec()))
        .order_by_asc(C::RecordedAt)
        .order_by_asc(C::Id)
        .all(tx.conn())
        .await?;
    let mut out: std::collections::HashMap<Uuid, Vec<_>> = std::collections::HashMap::new();
    for r in rows {
        out.entry(r.entity_id).or_default().push(r);
    }
    Ok(out)
}

/// The `field_provenance` row of one record (validation 1: the value passed every gate).
pub fn provenance_row(
    tenant: Uuid,
    entity_id: Uuid,
    r: crate::pipeline::ProvenanceRecord,
    now: chrono::DateTime<chrono::Utc>,
) -> reos_entities::field_provenance::Model {
    reos_entities::field_provenance::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        entity: r.entity,
        entity_id,
        field: r.field,
        value: r.value,
        previous_value: r.previous_value,
        source: r.source,
        method: r.method,
        confidence: r.confidence,
        evidence_uri: r.evidence_uri,
        actor: r.actor,
        recorded_at: now,
        validation: 1.0,
    }
}

/// Stores the records of one write of entity `entity_id`.
pub async fn provenance(
    tx: &TenantTx,
    entity_id: Uuid,
    records: Vec<crate::pipeline::ProvenanceRecord>,
) -> Result<(), DbErr> {
    use sea_orm::EntityTrait;
    if records.is_empty() {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let rows: Vec<reos_entities::field_provenance::ActiveModel> = records
        .into_iter()
        .map(|r| provenance_row(tx.tenant().uuid(), entity_id, r, now).into())
        .collect();
    reos_entities::field_provenance::Entity::insert_many(rows)
        .exec_without_returning(tx.conn())
        .await
        .map(|_| ())
}

/// A model's output as the provenance of a saved valuation's `value` (source `model`, method the
/// model's name, confidence 1: the model states its value without hedging; its interval, if any,
/// is in the result).
pub fn model_record(valuation_id: Uuid, model: &str, value: f64, actor: &str) -> crate::pipeline::ProvenanceRecord {
    crate::pipeline::ProvenanceRecord {
        entity: "valuation".into(),
        field: "value".into(),
        value: serde_json::json!(value),
        previous_value: None,
        source: "model".into(),
        method: model.to_owned(),
        confidence: 1.0,
        evidence_uri: Some(format!("valuation:{valuation_id}")),
        actor: actor.to_owned(),
    }
}

/// Stores [`model_record`] for a saved valuation.
pub async fn model_provenance(tx: &TenantTx, v: &reos_entities::valuation::Model) -> Result<(), DbErr> {
    let record = model_record(v.id, v.model.as_str(), v.value.unwrap_or(f64::NAN), &v.created_by);
    provenance(tx, v.id, vec![record]).await
}
