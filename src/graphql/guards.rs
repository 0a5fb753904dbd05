//! Field guards by role (admin > operator > analyst > viewer). Each guarded field's description
//! says who may see it.
use super::context::req;
use crate::auth::Role;
use crate::error::ApiError;
use async_graphql::{Context, ErrorExtensions, Guard, Result};

/// Allows callers whose highest role is at least `min`.
pub struct RoleGuard {
    min: Role,
}

impl RoleGuard {
    pub fn new(min: Role) -> Self {
        Self { min }
    }
}

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let r = req(ctx).map_err(|e| e.extend())?;
        if r.role.at_least(self.min) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!("requires the {} role or higher", self.min.as_str())).extend())
        }
    }
}
