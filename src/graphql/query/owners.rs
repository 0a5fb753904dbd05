//! `owner(id)` and `owners(name, first, after)`.
use crate::config::GraphqlSettings;
use crate::graphql::context::tx;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::owner::Owner;
use crate::services::owners;
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct OwnerQueries;

#[Object]
impl OwnerQueries {
    /// One owner of the caller's tenant.
    async fn owner(&self, ctx: &Context<'_>, id: ID) -> Result<Owner> {
        Ok(Owner(owners::find(tx(ctx)?, &id).await?))
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
        let p = page(ctx.data::<GraphqlSettings>()?, first, after.as_deref())?;
        let (total, rows) = owners::page(tx(ctx)?, name.as_deref(), p.offset, p.limit).await?;
        Ok(connection(p, total, rows, Owner))
    }
}
