//! Comp-Critic queries: `valuation(propertyId, asOf)`, `valueSubject(input, asOf)` and the
//! `sales` connection. Requires analyst.
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::comps::{CompValuation, Sale};
use crate::graphql::types::comps_input::{SaleFilter, SubjectInput};
use crate::services::comps::CompService;
use crate::services::sales;
use crate::services::valuations::{today, valuation_error, value_property};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use chrono::NaiveDate;
use std::sync::Arc;

#[derive(Default)]
pub struct ValuationQueries;

/// The schema's shared Comp-Critic service.
pub(crate) fn comp_service(ctx: &Context<'_>) -> ApiResult<Arc<CompService>> {
    ctx.data::<Arc<CompService>>()
        .cloned()
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("CompService missing from the schema data")))
}

#[Object]
impl ValuationQueries {
    /// Comparable-sales valuation of one of the tenant's properties from the tenant's imported
    /// sales dated strictly before `asOf` (default today). Nothing is saved (see `runValuation`).
    /// Requires analyst (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::COMP_VALUATION + child_complexity"
    )]
    async fn valuation(&self, ctx: &Context<'_>, property_id: ID, as_of: Option<NaiveDate>) -> Result<CompValuation> {
        let as_of = as_of.unwrap_or_else(today);
        let (_, _, v) = value_property(&*comp_service(ctx)?, tx(ctx)?, &property_id, as_of).await?;
        Ok(CompValuation::new(v.valuation, v.as_of))
    }

    /// Comparable-sales valuation of an ad-hoc subject from the tenant's imported sales dated
    /// strictly before `asOf` (default today). Requires analyst (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::COMP_VALUATION + child_complexity"
    )]
    async fn value_subject(
        &self,
        ctx: &Context<'_>,
        input: SubjectInput,
        as_of: Option<NaiveDate>,
    ) -> Result<CompValuation> {
        let as_of = as_of.unwrap_or_else(today);
        let subject = input.to_subject()?;
        let v = comp_service(ctx)?
            .value(tx(ctx)?, subject, as_of)
            .await
            .map_err(|e| valuation_error(e, "input.", "hazardScore"))?;
        Ok(CompValuation::new(v.valuation, v.as_of))
    }

    /// The tenant's imported sales, newest first, paged Relay-style (`first` default 50, at most
    /// 500). Requires analyst (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "first.unwrap_or(50).max(0) as usize * child_complexity + 1"
    )]
    async fn sales(
        &self,
        ctx: &Context<'_>,
        filter: Option<SaleFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, Sale, CountedConnection>> {
        let p = page(ctx.data::<GraphqlSettings>()?, first, after.as_deref())?;
        let q = filter.unwrap_or_default().into_query()?;
        let (total, rows) = sales::page(tx(ctx)?, &q, p.offset, p.limit).await?;
        Ok(connection(p, total, rows, Sale::from))
    }
}
