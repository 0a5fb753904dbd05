//! `users`: the tenant's user directory. Requires admin.
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::user::User;
use crate::services::users;
use async_graphql::connection::Connection;
use async_graphql::{Context, Object, Result};

#[derive(Default)]
pub struct UserQueries;

#[Object]
impl UserQueries {
    /// Users of the caller's tenant. Requires admin.
    #[graphql(guard = "RoleGuard::new(Role::Admin)")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, User, CountedConnection>> {
        let p = page(ctx.data::<GraphqlSettings>()?, first, after.as_deref())?;
        let (total, rows) = users::page(tx(ctx)?, p.offset, p.limit).await?;
        Ok(connection(p, total, rows, User::from))
    }
}
