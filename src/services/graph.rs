//! Ownership graph reads (issue #7, docs/graph.md): portfolios, co-owners, property networks,
//! owner clusters and influential owners. Answered by the Neo4j mirror when one is configured,
//! else by the embedded engine built from the caller's tenant transaction. Owner and property ids
//! outside the tenant are NOT_FOUND before any engine is asked.
use super::lookup;
use crate::error::{ApiError, ApiResult};
use crate::graph::store::check_depth;
use crate::graph::{
    Cluster, CoOwner, EmbeddedGraph, GraphBackend, GraphError, GraphStore, Influence, Network, Portfolio,
};
use crate::persistence::TenantTx;
use reos_entities::{owner, property};
use std::sync::Arc;

impl From<GraphError> for ApiError {
    fn from(e: GraphError) -> Self {
        match e {
            GraphError::BadInput { field, message } => ApiError::bad_input(field, message),
            other => ApiError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// The engine to ask: the mirror, or the tenant's graph built from `tx`.
async fn store(tx: &TenantTx, backend: Option<&GraphBackend>) -> ApiResult<Arc<dyn GraphStore>> {
    match backend {
        Some(GraphBackend::Neo4j(s)) => Ok(s.clone()),
        _ => Ok(Arc::new(EmbeddedGraph::load(tx).await?)),
    }
}

/// The owner row's id, or NOT_FOUND (also for other tenants' ids).
async fn owner_id(tx: &TenantTx, id: &str) -> ApiResult<uuid::Uuid> {
    Ok(lookup::one::<owner::Entity>(tx, id, "owner").await?.id)
}

/// The owner's properties with total and share-weighted value; `owner_id` may be any owner row
/// of a resolved owner.
pub async fn owner_portfolio(tx: &TenantTx, backend: Option<&GraphBackend>, owner: &str) -> ApiResult<Portfolio> {
    let id = owner_id(tx, owner).await?;
    let p = store(tx, backend).await?.owner_portfolio(tx.tenant(), id).await?;
    p.ok_or(ApiError::not_found("owner"))
}

/// Owners sharing at least one property with the owner, most shared first.
pub async fn co_owners(tx: &TenantTx, backend: Option<&GraphBackend>, owner: &str) -> ApiResult<Vec<CoOwner>> {
    let id = owner_id(tx, owner).await?;
    Ok(store(tx, backend).await?.co_owners(tx.tenant(), id).await?)
}

/// Owners, lease tenants and lenders within `depth` (1–4, else BAD_USER_INPUT on `depth`) hops
/// of the property.
pub async fn property_network(
    tx: &TenantTx,
    backend: Option<&GraphBackend>,
    property_id: &str,
    depth: i32,
) -> ApiResult<Network> {
    let depth = check_depth(depth)?;
    let pid = lookup::one::<property::Entity>(tx, property_id, "property").await?.id;
    let n = store(tx, backend)
        .await?
        .property_network(tx.tenant(), pid, depth)
        .await?;
    n.ok_or(ApiError::not_found("property"))
}

/// Groups of at least `min_size` (1 or more, else BAD_USER_INPUT on `minSize`) owners connected
/// through shared properties, largest first.
pub async fn owner_clusters(tx: &TenantTx, backend: Option<&GraphBackend>, min_size: i32) -> ApiResult<Vec<Cluster>> {
    let min = usize::try_from(min_size)
        .ok()
        .filter(|m| *m >= 1)
        .ok_or_else(|| ApiError::bad_input("minSize", "must be at least 1"))?;
    Ok(store(tx, backend).await?.owner_clusters(tx.tenant(), min).await?)
}

/// The `limit` (1–100, else BAD_USER_INPUT on `limit`) owners of highest PageRank over the
/// owner–property graph, best first.
pub async fn influential_owners(
    tx: &TenantTx,
    backend: Option<&GraphBackend>,
    limit: i32,
) -> ApiResult<Vec<Influence>> {
    let limit = usize::try_from(limit)
        .ok()
        .filter(|l| (1..=100).contains(l))
        .ok_or_else(|| ApiError::bad_input("limit", "must be between 1 and 100"))?;
    Ok(store(tx, backend).await?.influential_owners(tx.tenant(), limit).await?)
}
