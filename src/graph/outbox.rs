//! The transactional outbox: a write of ownership, an owner, a lease, a loan or a property adds
//! one `graph_outbox` row in the same tenant transaction (a rolled-back write leaves none). Rows
//! are written only when a Neo4j mirror is configured: without one, the embedded engine reads
//! the relational tables directly and nothing would ever consume the rows.
use crate::persistence::TenantId;
use reos_entities::graph_outbox;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

/// What was written (the entities' enum, re-exported so callers keep this path).
pub use reos_entities::enums::OutboxKind;

/// Adds an outbox row on `conn` (the writing transaction, bound to `tenant`). For callers outside
/// GraphQL (the property importer): call it once per import when [`GraphBackend::mirrors`], in
/// the import's transaction; one row per tenant is enough, since a drain re-syncs the whole tenant.
pub async fn enqueue(conn: &impl ConnectionTrait, tenant: TenantId, kind: OutboxKind, id: Uuid) -> Result<(), DbErr> {
    let now = chrono::Utc::now();
    graph_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant.uuid()),
        kind: Set(kind),
        entity_id: Set(id),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
    }
    .insert(conn)
    .await
    .map(|_| ())
}
