//! Ownership graph queries (issue #7): `ownerPortfolio`, `coOwners`, `propertyNetwork`,
//! `ownerClusters`, `influentialOwners`. Requires analyst. Answered by
//! [`crate::services::graph`] through the schema's [`GraphBackend`].
use crate::auth::Role;
use crate::graph::GraphBackend;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::graph::*;
use crate::services::graph;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct GraphQueries;

/// The schema's graph engine (none configured: the embedded one).
fn backend<'a>(ctx: &'a Context<'_>) -> Option<&'a GraphBackend> {
    ctx.data_opt::<GraphBackend>()
}

#[Object]
impl GraphQueries {
    /// The owner's properties with total and share-weighted value. `ownerId` may be any owner
    /// row of a resolved owner. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn owner_portfolio(&self, ctx: &Context<'_>, owner_id: ID) -> Result<OwnerPortfolio> {
        Ok(graph::owner_portfolio(tx(ctx)?, backend(ctx), &owner_id).await?.into())
    }

    /// Owners sharing at least one property with the owner, most shared first. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn co_owners(&self, ctx: &Context<'_>, owner_id: ID) -> Result<Vec<CoOwner>> {
        let list = graph::co_owners(tx(ctx)?, backend(ctx), &owner_id).await?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// Owners, lease tenants and lenders within `depth` (1–4) hops of the property, as nodes
    /// and edges for drawing. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::graph_depth(depth) + child_complexity"
    )]
    async fn property_network(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        #[graphql(default = 2)] depth: i32,
    ) -> Result<PropertyNetwork> {
        Ok(graph::property_network(tx(ctx)?, backend(ctx), &property_id, depth)
            .await?
            .into())
    }

    /// Groups of owners connected through shared properties (connected components), with at
    /// least `minSize` owners, largest first. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::WHOLE_GRAPH + child_complexity"
    )]
    async fn owner_clusters(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 2)] min_size: i32,
    ) -> Result<Vec<OwnerCluster>> {
        let list = graph::owner_clusters(tx(ctx)?, backend(ctx), min_size).await?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// Owners ranked by PageRank (damping 0.85) over the owner–property graph, edges weighted
    /// by share. `limit` 1–100. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::WHOLE_GRAPH + child_complexity"
    )]
    async fn influential_owners(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] limit: i32,
    ) -> Result<Vec<InfluentialOwner>> {
        Ok(ranked(graph::influential_owners(tx(ctx)?, backend(ctx), limit).await?))
    }
}
