//! `Me`: the caller as the service sees them.
use super::enums::UserRole;
use crate::auth::{Principal, Role};
use async_graphql::{ID, SimpleObject};
use reos_entities::{tenant, user};

/// The authenticated caller.
#[derive(SimpleObject)]
pub struct Me {
    /// The user record's id (authentication records the caller on first sight).
    pub id: ID,
    pub subject: String,
    pub email: Option<String>,
    /// Highest role in the token.
    pub role: UserRole,
    pub roles: Vec<UserRole>,
    pub tenant: TenantInfo,
}

/// The caller's tenant.
#[derive(SimpleObject)]
pub struct TenantInfo {
    pub id: ID,
    pub slug: String,
    pub name: String,
}

fn role(r: Role) -> UserRole {
    reos_entities::enums::UserRole::from(r).into()
}

impl Me {
    /// The caller of token `principal` (highest role `highest`) with their records.
    pub fn new(principal: &Principal, highest: Role, tenant: tenant::Model, user: user::Model) -> Self {
        Self {
            id: ID(user.id.to_string()),
            subject: user.subject,
            // The token's address when it carries one (as authentication would record it).
            email: principal.email.clone().or(user.email),
            role: role(highest),
            roles: principal.roles.iter().copied().map(role).collect(),
            tenant: TenantInfo {
                id: ID(tenant.id.to_string()),
                slug: tenant.slug,
                name: tenant.name,
            },
        }
    }
}
