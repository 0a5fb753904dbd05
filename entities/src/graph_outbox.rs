//! `graph_outbox`: writes the Neo4j mirror of the ownership graph has not seen yet (issue #7),
//! inserted in the writing transaction and deleted once the drainer has synced the tenant.
use crate::enums::OutboxKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "graph_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// `owner`, `ownership`, `lease`, `loan` or `property`.
    pub kind: OutboxKind,
    /// Id of the written (or deleted) row.
    pub entity_id: Uuid,
    /// Failed sync attempts so far.
    pub attempts: i32,
    /// Not retried before this instant (backoff).
    pub next_attempt_at: DateTimeUtc,
    /// Last failure, short and free of credentials.
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
