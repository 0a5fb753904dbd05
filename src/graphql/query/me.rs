//! `me`: the caller, provisioned as a user of the tenant on first use.
use crate::error::ApiError;
use crate::graphql::context::req;
use crate::graphql::types::enums::UserRole;
use crate::graphql::types::me::{Me, TenantInfo};
use crate::persistence::repositories::{tenants, users};
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct MeQuery;

fn role(r: crate::auth::Role) -> UserRole {
    match r {
        crate::auth::Role::Admin => UserRole::Admin,
        crate::auth::Role::Operator => UserRole::Operator,
        crate::auth::Role::Analyst => UserRole::Analyst,
        crate::auth::Role::Viewer => UserRole::Viewer,
    }
}

#[Object]
impl MeQuery {
    /// The authenticated caller and their tenant.
    async fn me(&self, ctx: &Context<'_>) -> Result<Me> {
        let r = req(ctx)?;
        let tenant = tenants::by_id(r.tx.conn(), r.tx.tenant().0)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::Unauthenticated)?;
        let user = users::touch(
            &r.tx,
            &r.principal.subject,
            r.principal.email.as_deref(),
            r.role.as_str(),
        )
        .await
        .map_err(ApiError::from)?;
        Ok(Me {
            id: ID(user.id.to_string()),
            subject: user.subject,
            email: user.email,
            role: role(r.role),
            roles: r.principal.roles.iter().copied().map(role).collect(),
            tenant: TenantInfo {
                id: ID(tenant.id.to_string()),
                slug: tenant.slug,
                name: tenant.name,
            },
        })
    }
}
