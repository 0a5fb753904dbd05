//! `jobs` and `job` (docs/jobs.md): the tenant's background jobs. Admin.
use crate::auth::Role;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::job::Job;
use crate::services::jobs;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct JobQueries;

#[Object]
impl JobQueries {
    /// The tenant's jobs, newest first (at most `first`, 1–500), optionally of one status and
    /// kind. Requires admin.
    #[graphql(guard = "RoleGuard::new(Role::Admin)")]
    async fn jobs(
        &self,
        ctx: &Context<'_>,
        status: Option<String>,
        kind: Option<String>,
        #[graphql(default = 50, validator(minimum = 1, maximum = 500))] first: i32,
    ) -> Result<Vec<Job>> {
        let rows = jobs::list(
            tx(ctx)?,
            status.as_deref(),
            kind.as_deref(),
            u64::try_from(first).unwrap_or(50),
        )
        .await?;
        Ok(rows.into_iter().map(Job).collect())
    }

    /// One job (NOT_FOUND for another tenant's). Requires admin.
    #[graphql(guard = "RoleGuard::new(Role::Admin)")]
    async fn job(&self, ctx: &Context<'_>, id: ID) -> Result<Job> {
        Ok(Job(jobs::get(tx(ctx)?, &id).await?))
    }
}
