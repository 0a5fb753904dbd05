//! The transactional outbox: a write of ownership, an owner, a lease, a loan or a property adds
//! one `graph_outbox` row in the same tenant transaction (a rolled-back write leaves none). Rows
//! are written only when a Neo4j mirror is configured: without one, the embedded engine reads
//! the relational tables directly and nothing would ever consume the rows.
use super::store::GraphBackend;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::req;
use crate::persistence::TenantId;
use async_graphql::Context;
use reos_entities::graph_outbox;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    Owner,
    Ownership,
    Lease,
    Loan,
    Property,
}

impl OutboxKind {
    pub fn as_db(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Ownership => "ownership",
            Self::Lease => "lease",
            Self::Loan => "loan",
            Self::Property => "property",
        }
    }
}

/// Adds an outbox row on `conn` (the writing transaction, bound to `tenant`). For callers outside
/// GraphQL (the property importer): call it once per import when [`GraphBackend::mirrors`], in
/// the import's transaction; one row per tenant is enough, since a drain re-syncs the whole tenant.
pub async fn enqueue(conn: &impl ConnectionTrait, tenant: TenantId, kind: OutboxKind, id: Uuid) -> Result<(), DbErr> {
    let now = chrono::Utc::now();
    graph_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant.0),
        kind: Set(kind.as_db().to_owned()),
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

/// The mutation hook: records the write in the request's transaction when the schema's graph
/// backend mirrors to Neo4j; otherwise does nothing.
pub async fn record(ctx: &Context<'_>, kind: OutboxKind, id: Uuid) -> ApiResult<()> {
    let mirrors = ctx.data_opt::<GraphBackend>().is_some_and(GraphBackend::mirrors);
    if !mirrors {
        return Ok(());
    }
    let r = req(ctx)?;
    enqueue(r.tx.conn(), r.tx.tenant(), kind, id)
        .await
        .map_err(ApiError::from)
}

/// [`record`] for a mutation's returned id (delete payloads); an id that is not a UUID was
/// never written, so there is nothing to record.
pub async fn record_id(ctx: &Context<'_>, kind: OutboxKind, id: &async_graphql::ID) -> ApiResult<()> {
    match Uuid::parse_str(id.as_str()) {
        Ok(u) => record(ctx, kind, u).await,
        Err(_) => Ok(()),
    }
}
