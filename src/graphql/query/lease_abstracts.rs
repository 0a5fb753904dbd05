//! `leaseAbstract` and `leaseAbstracts` (docs/lease.md): drafts and confirmed abstracts of a
//! tenant's lease documents. Analyst.
use crate::auth::Role;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::lease_abstract::LeaseAbstract;
use crate::services::lease_abstracts;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct LeaseAbstractQueries;

#[Object]
impl LeaseAbstractQueries {
    /// One abstract (NOT_FOUND for another tenant's). Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn lease_abstract(&self, ctx: &Context<'_>, id: ID) -> Result<LeaseAbstract> {
        Ok(LeaseAbstract(lease_abstracts::get(tx(ctx)?, &id).await?))
    }

    /// The abstracts of a property's documents, newest first. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn lease_abstracts(&self, ctx: &Context<'_>, property_id: ID) -> Result<Vec<LeaseAbstract>> {
        Ok(lease_abstracts::of_property(tx(ctx)?, &property_id)
            .await?
            .into_iter()
            .map(LeaseAbstract)
            .collect())
    }
}
