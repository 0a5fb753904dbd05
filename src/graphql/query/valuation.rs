//! Comp-Critic queries: `valuation(propertyId, asOf)`, `valueSubject(input, asOf)` and the
//! `sales` connection. Requires analyst.
use crate::analytics::comps::Subject;
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::comps::{CompValuation, Sale};
use crate::graphql::types::comps_input::{SaleFilter, SubjectInput, subject_of_property, valuation_error};
use crate::persistence::TenantTx;
use crate::persistence::repositories::sales::listing as sales;
use crate::persistence::repositories::{self, properties};
use crate::services::comps::{CompService, Valued};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use chrono::NaiveDate;
use reos_entities::property;
use std::sync::Arc;

#[derive(Default)]
pub struct ValuationQueries;

/// The schema's shared Comp-Critic service.
pub(crate) fn comp_service(ctx: &Context<'_>) -> ApiResult<Arc<CompService>> {
    ctx.data::<Arc<CompService>>()
        .cloned()
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("CompService missing from the schema data")))
}

/// Today in UTC, the default valuation date.
pub(crate) fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Values a stored property of the caller's tenant; other tenants' ids are NOT_FOUND.
pub(crate) async fn value_property(
    svc: &CompService,
    tx: &TenantTx,
    property_id: &ID,
    as_of: NaiveDate,
) -> ApiResult<(property::Model, Subject, Valued)> {
    let id = rules::uuid(property_id, "property")?;
    let p = repositories::find::<property::Entity>(tx, id)
        .await?
        .ok_or(ApiError::not_found("property"))?;
    let hazard = properties::latest_hazards(tx, &[id])
        .await?
        .remove(&id)
        .map(|h| h.composite_score);
    let subject = subject_of_property(&p, hazard)?;
    let valued = svc
        .value(tx, subject.clone(), as_of)
        .await
        .map_err(|e| valuation_error(e, "property.", "hazards.compositeScore"))?;
    Ok((p, subject, valued))
}

#[Object]
impl ValuationQueries {
    /// Comparable-sales valuation of one of the tenant's properties from the tenant's imported
    /// sales dated strictly before `asOf` (default today). Nothing is saved (see `runValuation`).
    /// Requires analyst (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::work::price::COMP_VALUATION + child_complexity"
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
        complexity = "crate::graphql::work::price::COMP_VALUATION + child_complexity"
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
        let limits = ctx.data::<GraphqlSettings>()?;
        let p = page(limits, first, after.as_deref())?;
        let q = filter.unwrap_or_default().into_query()?;
        let tx = tx(ctx)?;
        let total = sales::count(tx, &q).await.map_err(ApiError::from)?;
        let rows = sales::page(tx, &q, p.offset, p.limit).await.map_err(ApiError::from)?;
        Ok(connection(p, total, rows, Sale::from))
    }
}
