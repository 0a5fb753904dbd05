//! `runJob` and `cancelJob` (docs/jobs.md): enqueue a background job for the caller's tenant now,
//! or cancel one. Admin.
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::job::{CancelJobInput, Job, JobPayload, RunJobInput};
use crate::services::jobs;
use async_graphql::{Context, Object, Result};

#[derive(Default)]
pub struct JobMutations;

#[Object]
impl JobMutations {
    /// Enqueues a job of `kind` for the tenant; any instance's worker runs it (see `job(id)`).
    /// Requires admin.
    #[graphql(guard = "RoleGuard::new(Role::Admin)")]
    async fn run_job(&self, ctx: &Context<'_>, input: RunJobInput) -> Result<JobPayload> {
        let max = ctx.data::<crate::config::JobSettings>()?.max_attempts;
        Ok(JobPayload {
            job: Job(jobs::enqueue(&caller(ctx)?, &input.kind, max).await?),
        })
    }

    /// Cancels a queued, retrying or running job (a running one stops before its next chunk;
    /// what it committed stays). A finished job is a CONFLICT. Requires admin.
    #[graphql(guard = "RoleGuard::new(Role::Admin)")]
    async fn cancel_job(&self, ctx: &Context<'_>, input: CancelJobInput) -> Result<JobPayload> {
        Ok(JobPayload {
            job: Job(jobs::cancel(&caller(ctx)?, &input.id).await?),
        })
    }
}
