//! Who acts, in which tenant transaction: what every write use case takes, with the
//! bookkeeping each write owes (audit row, field provenance, graph outbox row, events).
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::events::{EventKind, Outbox};
use crate::graph::outbox::{OutboxKind, enqueue};
use crate::persistence::TenantTx;
use crate::persistence::repositories::records::{Audit, audit_all, provenance};
use crate::persistence::repositories::{self, TenantOwned};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The acting user and the transaction their use case runs in. Built by an adapter (GraphQL
/// request, CLI command, import) and passed by reference.
pub struct Caller<'a> {
    pub tx: &'a TenantTx,
    /// `sub` of the acting user (or a CLI's `cli:<user>`), recorded on every write.
    pub actor: &'a str,
    /// The request this write belongs to, cited as evidence (`request:<id>`).
    pub request_id: Option<&'a str>,
    /// Whether the ownership graph is mirrored to Neo4j, so graph writes add outbox rows.
    pub mirror_graph: bool,
    /// Where events go once the transaction commits (none outside a request).
    pub events: Option<&'a Outbox>,
}

/// Where written values came from when a file or document, not the user, supplied them.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// E.g. `document:<id>` or `rent-roll:<file>#sha256:<hex>`.
    pub source: String,
    /// E.g. `lease_abstract`, `rent_roll`.
    pub method: String,
    pub evidence_uri: Option<String>,
    /// Confidence by stored field (1 when absent).
    pub confidence: std::collections::BTreeMap<String, f64>,
    /// Evidence by stored field (a page and offsets, a row), else `evidence_uri`.
    pub evidence: std::collections::BTreeMap<String, String>,
}

impl Caller<'_> {
    /// The tenant's id, for new rows.
    pub fn tenant(&self) -> Uuid {
        self.tx.tenant().uuid()
    }

    /// Records `action` on `entity` `id` in the audit log, in the same transaction.
    pub async fn audit(&self, action: &str, entity: &str, id: Option<Uuid>, details: Value) -> ApiResult<()> {
        self.audit_all(vec![(action, entity, id, details)]).await
    }

    /// Records several `(action, entity, id, details)` entries in one statement.
    pub async fn audit_all(&self, entries: Vec<(&str, &str, Option<Uuid>, Value)>) -> ApiResult<()> {
        let entries = entries
            .into_iter()
            .map(|(action, entity, entity_id, details)| Audit {
                actor: self.actor,
                action,
                entity,
                entity_id,
                details,
                request_id: self.request_id,
            })
            .collect();
        Ok(audit_all(self.tx, entries).await?)
    }

    /// Records the provenance of a user's write of `entity` `id`: one row per field whose value
    /// `after` differs from `before` (`None` on create), source `user`, method `mutation`,
    /// confidence 1, the request as evidence.
    pub async fn provenance(
        &self,
        entity: &str,
        id: Uuid,
        before: Option<Map<String, Value>>,
        after: Map<String, Value>,
    ) -> ApiResult<()> {
        let ctx = crate::pipeline::WriteContext {
            entity: entity.to_owned(),
            source: "user".into(),
            method: "mutation".into(),
            confidence: 1.0,
            evidence_uri: self.request_id.map(|r| format!("request:{r}")),
            actor: self.actor.to_owned(),
        };
        let records = crate::pipeline::diff(before.as_ref(), &after, &ctx).map_err(|e| ApiError::Internal(e.into()))?;
        Ok(provenance(self.tx, id, records).await?)
    }

    /// Records the provenance of values read from a file or document rather than typed by the
    /// user: like [`Caller::provenance`], with `origin`'s source, method, evidence and per-field
    /// confidence.
    pub async fn provenance_from(
        &self,
        entity: &str,
        id: Uuid,
        before: Option<Map<String, Value>>,
        after: Map<String, Value>,
        origin: &Origin,
    ) -> ApiResult<()> {
        let ctx = crate::pipeline::WriteContext {
            entity: entity.to_owned(),
            source: origin.source.clone(),
            method: origin.method.clone(),
            confidence: 1.0,
            evidence_uri: origin.evidence_uri.clone(),
            actor: self.actor.to_owned(),
        };
        let mut records =
            crate::pipeline::diff(before.as_ref(), &after, &ctx).map_err(|e| ApiError::Internal(e.into()))?;
        for r in &mut records {
            if let Some(c) = origin.confidence.get(&r.field) {
                r.confidence = c.clamp(0.0, 1.0);
            }
            if let Some(e) = origin.evidence.get(&r.field) {
                r.evidence_uri = Some(e.clone());
            }
        }
        Ok(provenance(self.tx, id, records).await?)
    }

    /// Adds a graph outbox row for a written owner, ownership, lease, loan or property when the
    /// graph is mirrored; otherwise nothing (the embedded engine reads the tables directly).
    pub async fn outbox(&self, kind: OutboxKind, id: Uuid) -> ApiResult<()> {
        if !self.mirror_graph {
            return Ok(());
        }
        Ok(enqueue(self.tx.conn().await?, self.tx.tenant(), kind, id).await?)
    }

    /// Announces `event` to subscribers once the transaction commits.
    pub fn after_commit(&self, event: EventKind) {
        if let Some(events) = self.events {
            events.after_commit(event);
        }
    }

    /// The tenant's row `id` (as the client wrote it), or NOT_FOUND (also for other tenants' ids
    /// and for ids that are not UUIDs).
    pub async fn existing<E: TenantOwned>(&self, id: &str, entity: &'static str) -> ApiResult<E::Model> {
        super::lookup::one::<E>(self.tx, id, entity).await
    }

    /// The tenant's property `id` that a new child row (lease, unit type, expense…) attaches to.
    pub async fn parent(&self, id: &str) -> ApiResult<Uuid> {
        Ok(self
            .existing::<reos_entities::property::Entity>(id, "property")
            .await?
            .id)
    }

    /// Deletes the tenant's row `id` and records it in the audit log as `table`; NOT_FOUND when
    /// there is none. Returns the deleted row's id.
    pub async fn delete<E: TenantOwned>(&self, id: &str, entity: &'static str, table: &str) -> ApiResult<Uuid> {
        let uuid = rules::uuid(id, entity)?;
        if !repositories::delete::<E>(self.tx, uuid).await? {
            return Err(ApiError::not_found(entity));
        }
        self.audit("delete", table, Some(uuid), serde_json::json!({})).await?;
        Ok(uuid)
    }
}
