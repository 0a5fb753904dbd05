//! `owner(id)` and `owners(name, first, after)`.
use crate::config::GraphqlSettings;
use crate::domain::rules;
use crate::error::ApiError;
use crate::graphql::context::tx;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::owner::Owner;
use crate::persistence::repositories::{self, owners};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use reos_entities::owner;

#[derive(Default)]
pub struct OwnerQueries;

#[Object]
impl OwnerQueries {
    /// One owner of the caller's tenant.
    async fn owner(&self, ctx: &Context<'_>, id: ID) -> Result<Owner> {
        let id = rules::uuid(&id, "owner")?;
        let found = repositories::find::<owner::Entity>(tx(ctx)?, id)
            .await
            .map_err(ApiError::from)?;
        Ok(Owner(found.ok_or(ApiError::not_found("owner"))?))
    }

    /// Owners of the caller's tenant by normalized name, optionally containing `name`.
    #[graphql(complexity = "first.unwrap_or(50).max(0) as usize * child_complexity + 1")]
    async fn owners(
        &self,
        ctx: &Context<'_>,
        name: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, Owner, CountedConnection>> {
        let limits = ctx.data::<GraphqlSettings>()?;
        let p = page(limits, first, after.as_deref())?;
        let name = name.map(|n| owners::normalize_name(&n));
        let tx = tx(ctx)?;
        let total = owners::count(tx, name.as_deref()).await.map_err(ApiError::from)?;
        let rows = owners::page(tx, name.as_deref(), p.offset, p.limit)
            .await
            .map_err(ApiError::from)?;
        Ok(connection(p, total, rows, Owner))
    }
}
