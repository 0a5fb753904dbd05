//! The [`GraphStore`] interface both engines implement, and the `depth` check of
//! `propertyNetwork` they share.
use super::error::GraphError;
use super::model::{Cluster, CoOwner, Influence, Network, Portfolio};
use crate::persistence::TenantId;
use async_trait::async_trait;
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

#[cfg(test)]
mod tests;
