//! Ownership graph queries (issue #7): `ownerPortfolio`, `coOwners`, `propertyNetwork`,
//! `ownerClusters`, `influentialOwners`. Requires analyst. Answered by the Neo4j mirror when one
//! is configured, else by the embedded engine built from the request's tenant transaction.
use crate::auth::Role;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graph::store::check_depth;
use crate::graph::{EmbeddedGraph, GraphBackend, GraphError, GraphStore};
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::graph::*;
use crate::persistence::repositories;
use async_graphql::{Context, ID, Object, Result};
use reos_entities::{owner, property};
use std::sync::Arc;

#[derive(Default)]
pub struct GraphQueries;

impl From<GraphError> for ApiError {
    fn from(e: GraphError) -> Self {
        match e {
            GraphError::BadInput { field, message } => ApiError::bad_input(field, message),
            other => ApiError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// The engine for this request.
async fn store(ctx: &Context<'_>) -> ApiResult<Arc<dyn GraphStore>> {
    match ctx.data_opt::<GraphBackend>() {
        Some(GraphBackend::Neo4j(s)) => Ok(s.clone()),
        _ => Ok(Arc::new(EmbeddedGraph::load(tx(ctx)?).await?)),
    }
}

/// The tenant's owner row, or NOT_FOUND (also for other tenants' ids).
async fn owner_row(ctx: &Context<'_>, id: &ID) -> ApiResult<uuid::Uuid> {
    let uuid = rules::uuid(id, "owner")?;
    repositories::find::<owner::Entity>(tx(ctx)?, uuid)
        .await?
        .map(|o| o.id)
        .ok_or(ApiError::not_found("owner"))
}

#[Object]
impl GraphQueries {
    /// The owner's properties with total and share-weighted value. `ownerId` may be any owner
    /// row of a resolved owner. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn owner_portfolio(&self, ctx: &Context<'_>, owner_id: ID) -> Result<OwnerPortfolio> {
        let id = owner_row(ctx, &owner_id).await?;
        let tenant = tx(ctx)?.tenant();
        let p = store(ctx)
            .await?
            .owner_portfolio(tenant, id)
            .await
            .map_err(ApiError::from)?;
        Ok(p.ok_or(ApiError::not_found("owner"))?.into())
    }

    /// Owners sharing at least one property with the owner, most shared first. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn co_owners(&self, ctx: &Context<'_>, owner_id: ID) -> Result<Vec<CoOwner>> {
        let id = owner_row(ctx, &owner_id).await?;
        let tenant = tx(ctx)?.tenant();
        let list = store(ctx).await?.co_owners(tenant, id).await.map_err(ApiError::from)?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// Owners, lease tenants and lenders within `depth` (1–4) hops of the property, as nodes
    /// and edges for drawing. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::work::price::graph_depth(depth) + child_complexity"
    )]
    async fn property_network(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        #[graphql(default = 2)] depth: i32,
    ) -> Result<PropertyNetwork> {
        let depth = check_depth(depth).map_err(ApiError::from)?;
        let pid = rules::uuid(&property_id, "property")?;
        let found = repositories::find::<property::Entity>(tx(ctx)?, pid)
            .await
            .map_err(ApiError::from)?;
        if found.is_none() {
            return Err(ApiError::not_found("property").into());
        }
        let tenant = tx(ctx)?.tenant();
        let n = store(ctx)
            .await?
            .property_network(tenant, pid, depth)
            .await
            .map_err(ApiError::from)?;
        Ok(n.ok_or(ApiError::not_found("property"))?.into())
    }

    /// Groups of owners connected through shared properties (connected components), with at
    /// least `minSize` owners, largest first. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::work::price::WHOLE_GRAPH + child_complexity"
    )]
    async fn owner_clusters(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 2)] min_size: i32,
    ) -> Result<Vec<OwnerCluster>> {
        let min = usize::try_from(min_size)
            .ok()
            .filter(|m| *m >= 1)
            .ok_or_else(|| ApiError::bad_input("minSize", "must be at least 1"))?;
        let tenant = tx(ctx)?.tenant();
        let list = store(ctx)
            .await?
            .owner_clusters(tenant, min)
            .await
            .map_err(ApiError::from)?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// Owners ranked by PageRank (damping 0.85) over the owner–property graph, edges weighted
    /// by share. `limit` 1–100. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::work::price::WHOLE_GRAPH + child_complexity"
    )]
    async fn influential_owners(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] limit: i32,
    ) -> Result<Vec<InfluentialOwner>> {
        let limit = usize::try_from(limit)
            .ok()
            .filter(|l| (1..=100).contains(l))
            .ok_or_else(|| ApiError::bad_input("limit", "must be between 1 and 100"))?;
        let tenant = tx(ctx)?.tenant();
        let list = store(ctx)
            .await?
            .influential_owners(tenant, limit)
            .await
            .map_err(ApiError::from)?;
        Ok(list
            .into_iter()
            .enumerate()
            .map(|(i, x)| InfluentialOwner {
                rank: i32::try_from(i + 1).unwrap_or(i32::MAX),
                owner: x.owner.into(),
                score: x.score,
                property_count: x.property_count,
            })
            .collect())
    }
}
