//! `me`: the caller and their user record (provisioned by authentication on first sight; this
//! query only reads it).
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
        // Authentication records the caller before anything runs; this only reads the record.
        let user = users::by_subject(&r.tx, &r.principal.subject)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::Unauthenticated)?;
        Ok(Me {
            id: ID(user.id.to_string()),
            subject: user.subject,
            // The token's address when it carries one (as authentication would record it).
            email: r.principal.email.clone().or(user.email),
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
