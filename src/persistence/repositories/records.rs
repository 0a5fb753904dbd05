//! Audit events (one row per successful mutation, in the mutation's own transaction) and field
//! provenance rows.
use crate::persistence::TenantTx;
use reos_entities::{audit_event, field_provenance, valuation};
use sea_orm::{DbErr, EntityTrait, Set};
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
    audit_all(tx, vec![a]).await
}

/// Records several audit entries in one statement.
pub async fn audit_all(tx: &TenantTx, entries: Vec<Audit<'_>>) -> Result<(), DbErr> {
    if entries.is_empty() {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let rows = entries.into_iter().map(|a| audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tx.tenant().uuid()),
        actor: Set(a.actor.to_owned()),
        action: Set(a.action.to_owned()),
        entity: Set(a.entity.to_owned()),
        entity_id: Set(a.entity_id),
        details: Set(a.details),
        request_id: Set(a.request_id.map(str::to_owned)),
        created_at: Set(now),
    });
    audit_event::Entity::insert_many(rows)
        .exec_without_returning(tx.conn().await?)
        .await
        .map(|_| ())
}

/// Field provenance of properties, oldest first per property (one statement).
pub async fn property_provenance(
    tx: &TenantTx,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<field_provenance::Model>>, DbErr> {
    use field_provenance::{Column as C, Entity};
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let rows = super::scoped::<Entity>(tx)
        .filter(C::Entity.eq("property"))
        .filter(C::EntityId.is_in(ids.to_vec()))
        .order_by_asc(C::RecordedAt)
        .order_by_asc(C::Id)
        .all(tx.conn().await?)
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
) -> field_provenance::Model {
    field_provenance::Model {
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
    if records.is_empty() {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let rows: Vec<field_provenance::ActiveModel> = records
        .into_iter()
        .map(|r| provenance_row(tx.tenant().uuid(), entity_id, r, now).into())
        .collect();
    field_provenance::Entity::insert_many(rows)
        .exec_without_returning(tx.conn().await?)
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

/// Now, to the microsecond the database keeps: a row built in memory then equals the row read
/// back (clients compare `createdAt` values).
pub fn stored_now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}

/// Saves valuations, each with [`model_record`] as its provenance: two statements however many.
pub async fn save_valuations(tx: &TenantTx, rows: Vec<valuation::Model>) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let provenance: Vec<field_provenance::ActiveModel> = rows
        .iter()
        .map(|v| {
            let record = model_record(v.id, v.model.as_str(), v.value.unwrap_or(f64::NAN), &v.created_by);
            provenance_row(tx.tenant().uuid(), v.id, record, now).into()
        })
        .collect();
    valuation::Entity::insert_many(rows.into_iter().map(valuation::ActiveModel::from))
        .exec_without_returning(tx.conn().await?)
        .await?;
    field_provenance::Entity::insert_many(provenance)
        .exec_without_returning(tx.conn().await?)
        .await
        .map(|_| ())
}
