//! Audit events: one row per successful mutation, in the mutation's own transaction.
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
        tenant_id: Set(tx.tenant().0),
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
