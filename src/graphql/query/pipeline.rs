//! `pipelineRuns(first, after)` (newest first) and `pipelineRun(id)`. Requires analyst.
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::domain::rules;
use crate::error::ApiError;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::pipeline::PipelineRun;
use crate::persistence::repositories::{self, scoped};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use reos_entities::pipeline_run;
use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect};

#[derive(Default)]
pub struct PipelineQueries;

#[Object]
impl PipelineQueries {
    /// One pipeline run of the caller's tenant.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn pipeline_run(&self, ctx: &Context<'_>, id: ID) -> Result<PipelineRun> {
        let id = rules::uuid(&id, "pipelineRun")?;
        let found = repositories::find::<pipeline_run::Entity>(tx(ctx)?, id)
            .await
            .map_err(ApiError::from)?;
        Ok(PipelineRun(found.ok_or(ApiError::not_found("pipelineRun"))?))
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
        use pipeline_run::Column as C;
        let limits = ctx.data::<GraphqlSettings>()?;
        let p = page(limits, first, after.as_deref())?;
        let tx = tx(ctx)?;
        let total = scoped::<pipeline_run::Entity>(tx)
            .count(tx.conn())
            .await
            .map_err(ApiError::from)?;
        let rows = scoped::<pipeline_run::Entity>(tx)
            .order_by_desc(C::StartedAt)
            .order_by_desc(C::Id)
            .offset(p.offset)
            .limit(p.limit)
            .all(tx.conn())
            .await
            .map_err(ApiError::from)?;
        Ok(connection(p, total, rows, PipelineRun))
    }
}
