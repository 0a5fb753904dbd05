//! `users`: the tenant's user directory. Requires admin.
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::error::ApiError;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::persistence::repositories::scoped;
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use reos_entities::user;
use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect};

#[derive(Default)]
pub struct UserQueries;

/// A user of the tenant.
#[derive(SimpleObject)]
pub struct User {
    pub id: ID,
    pub subject: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
    /// Role as last seen in the user's token.
    pub role: String,
    /// Inactive users are refused even with a valid token.
    pub active: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
}

impl From<user::Model> for User {
    fn from(u: user::Model) -> Self {
        Self {
            id: ID(u.id.to_string()),
            subject: u.subject,
            email: u.email,
            display_name: u.display_name,
            role: u.role,
            active: u.active,
            created_at: u.created_at,
            last_seen_at: u.last_seen_at,
        }
    }
}

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
        let tx = tx(ctx)?;
        let total = scoped::<user::Entity>(tx)
            .count(tx.conn())
            .await
            .map_err(ApiError::from)?;
        let rows = scoped::<user::Entity>(tx)
            .order_by_asc(user::Column::CreatedAt)
            .order_by_asc(user::Column::Id)
            .offset(p.offset)
            .limit(p.limit)
            .all(tx.conn())
            .await
            .map_err(ApiError::from)?;
        Ok(connection(p, total, rows, User::from))
    }
}
