//! `updateUser`: admins edit the tenant's user directory. Requires admin.
use super::{existing, record};
use crate::auth::Role;
use crate::domain::rules;
use crate::error::ApiError;
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::query::User;
use crate::services::users::UserDirectory;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use reos_entities::user;
use sea_orm::{ActiveModelTrait, Set};
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
        let r = req(ctx)?;
        let existing = existing::<user::Entity>(r, &input.id, "user").await?;
        rules::non_empty("input.displayName", input.display_name.as_deref())?;
        let mut am: user::ActiveModel = existing.into();
        if input.display_name.is_some() {
            am.display_name = Set(input.display_name);
        }
        if let Some(a) = input.active {
            am.active = Set(a);
        }
        let saved = am.update(r.tx.conn()).await.map_err(ApiError::from)?;
        // Authentication caches "active" answers; this instance forgets the user's once the change
        // commits, so a deactivation takes effect on its next request (other instances: within
        // `services::users::STATUS_TTL`).
        if let Some(users) = ctx.data_opt::<Arc<UserDirectory>>() {
            let (users, tenant, subject) = (users.clone(), r.tx.tenant(), saved.subject.clone());
            r.tx.on_outcome(Box::new(move |_| {
                Box::pin(async move { users.forget(tenant, &subject).await })
            }));
        }
        record(r, "update", "user", saved.id, serde_json::json!({})).await?;
        Ok(UserPayload {
            user: User::from(saved),
        })
    }
}
