//! [`GraphBackend`]: which engine the service uses (Neo4j when configured, else the embedded
//! engine built per request).
use super::neo4j::Neo4jStore;
use std::sync::Arc;

/// The engine GraphQL reads from, shared by all requests (schema data).
#[derive(Clone, Default)]
pub enum GraphBackend {
    /// Built from the request's tenant transaction on every query: always consistent.
    #[default]
    Embedded,
    /// The Neo4j mirror; writes reach it through the outbox.
    Neo4j(Arc<Neo4jStore>),
}

impl GraphBackend {
    /// Whether writes must be recorded in the outbox (only when there is a mirror to feed).
    pub fn mirrors(&self) -> bool {
        matches!(self, Self::Neo4j(_))
    }
}
