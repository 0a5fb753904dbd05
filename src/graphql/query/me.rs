//! `me`: the caller and their user record (provisioned by authentication on first sight; this
//! query only reads it).
use crate::graphql::context::req;
use crate::graphql::types::me::Me;
use crate::services::users;
use async_graphql::{Context, Object, Result};

#[derive(Default)]
pub struct MeQuery;

#[Object]
impl MeQuery {
    /// The authenticated caller and their tenant.
    async fn me(&self, ctx: &Context<'_>) -> Result<Me> {
        let r = req(ctx)?;
        let (tenant, user) = users::current(&r.tx, &r.principal.subject).await?;
        Ok(Me::new(&r.principal, r.role, tenant, user))
    }
}
