//! The [`GraphStore`] interface both engines implement, and [`GraphBackend`]: which one the
//! service uses (Neo4j when configured, else the embedded engine built per request).
use super::error::GraphError;
use super::model::{Cluster, CoOwner, Influence, Network, Portfolio};
use super::neo4j::Neo4jStore;
use crate::persistence::TenantId;
use async_trait::async_trait;
use std::sync::Arc;
use uuid::Uuid;

/// Largest `depth` of `propertyNetwork`.
pub const MAX_NETWORK_DEPTH: u8 = 4;

/// Queries over one tenant's ownership graph. Every call names the tenant; an engine answers
/// only from that tenant's nodes and edges. Owner ids may be any `owners` row merged into a node.
#[async_trait]
pub trait GraphStore: Send + Sync {
    /// Properties of the owner's node, or None when the tenant's graph has no such owner.
    async fn owner_portfolio(&self, tenant: TenantId, owner: Uuid) -> Result<Option<Portfolio>, GraphError>;
    /// Owners sharing at least one property with the owner (most shared first).
    async fn co_owners(&self, tenant: TenantId, owner: Uuid) -> Result<Vec<CoOwner>, GraphError>;
    /// Nodes and edges within `depth` (1..=4) hops of the property; None when there is no such property.
    async fn property_network(
        &self,
        tenant: TenantId,
        property: Uuid,
        depth: u8,
    ) -> Result<Option<Network>, GraphError>;
    /// Connected components over shared ownership with at least `min_owners` owners.
    async fn owner_clusters(&self, tenant: TenantId, min_owners: usize) -> Result<Vec<Cluster>, GraphError>;
    /// Owners by PageRank, best first.
    async fn influential_owners(&self, tenant: TenantId, limit: usize) -> Result<Vec<Influence>, GraphError>;
}

/// Refuses a depth outside 1..=[`MAX_NETWORK_DEPTH`], naming the field `depth`.
pub fn check_depth(depth: i32) -> Result<u8, GraphError> {
    u8::try_from(depth)
        .ok()
        .filter(|d| (1..=MAX_NETWORK_DEPTH).contains(d))
        .ok_or_else(|| GraphError::BadInput {
            field: "depth",
            message: format!("must be between 1 and {MAX_NETWORK_DEPTH}"),
        })
}

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

#[cfg(test)]
mod tests {
    use super::check_depth;

    #[test]
    fn depth_is_one_to_four_and_a_refusal_names_the_field() {
        assert_eq!(check_depth(1).ok(), Some(1));
        assert_eq!(check_depth(4).ok(), Some(4));
        for bad in [0, 5, -1, 300] {
            match check_depth(bad) {
                Err(super::GraphError::BadInput { field, .. }) => assert_eq!(field, "depth"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
