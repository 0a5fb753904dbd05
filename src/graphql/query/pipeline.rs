//! `pipelineRuns(first, after)` (newest first) and `pipelineRun(id)`. Requires analyst.
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::pipeline::PipelineRun;
use crate::services::pipeline_runs;
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct PipelineQueries;

#[Object]
impl PipelineQueries {
    /// One pipeline run of the caller's tenant.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn pipeline_run(&self, ctx: &Context<'_>, id: ID) -> Result<PipelineRun> {
        Ok(PipelineRun(pipeline_runs::find(tx(ctx)?, &id).await?))
    }

    /// The tenant's pipeline runs, newest first.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "first.unwrap_or(50).max(0) as usize * child_complexity + 1"
    )]
    async fn pipeline_runs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, PipelineRun, CountedConnection>> {
        let p = page(ctx.data::<GraphqlSettings>()?, first, after.as_deref())?;
        let (total, rows) = pipeline_runs::page(tx(ctx)?, p.offset, p.limit).await?;
        Ok(connection(p, total, rows, PipelineRun))
    }
}
