//! `updateUser`: admins edit the tenant's user directory. Requires admin.
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::user::User;
use crate::services::users::{self, UserDirectory};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use std::sync::Arc;

#[derive(Default)]
pub struct UserMutations;

#[derive(InputObject)]
pub struct UpdateUserInput {
    pub id: ID,
    pub display_name: Option<String>,
    pub active: Option<bool>,
}

#[derive(SimpleObject)]
pub struct UserPayload {
    pub user: User,
}

#[Object]
impl UserMutations {
    /// Changes a user's display name or active flag. Requires admin.
    #[graphql(guard = "RoleGuard::new(Role::Admin)")]
    async fn update_user(&self, ctx: &Context<'_>, input: UpdateUserInput) -> Result<UserPayload> {
        let changes = users::UserChanges {
            display_name: input.display_name,
            active: input.active,
        };
        let directory = ctx.data_opt::<Arc<UserDirectory>>();
        let saved = users::update(&caller(ctx)?, directory, &input.id, changes).await?;
        Ok(UserPayload {
            user: User::from(saved),
        })
    }
}
