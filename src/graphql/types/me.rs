//! `Me`: the caller as the service sees them.
use super::enums::UserRole;
use async_graphql::{ID, SimpleObject};

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
