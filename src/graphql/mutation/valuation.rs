//! `runValuation`: values a stored property with Comp-Critic and saves the run in `valuations`
//! (model `comp-critic`, SHA-256 of the canonical inputs, full result). Requires analyst.
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::query::valuation::comp_service;
use crate::graphql::types::comps::CompValuation;
use crate::graphql::types::valuation::Valuation;
use crate::services::valuations::{self, today};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;

#[derive(Default)]
pub struct ValuationMutations;

/// Input of `runValuation`.
#[derive(InputObject)]
pub struct RunValuationInput {
    pub property_id: ID,
    /// Valuation date (default today); only sales strictly before it are used.
    pub as_of: Option<NaiveDate>,
}

/// Payload of `runValuation`: the saved record and the valuation itself.
#[derive(SimpleObject)]
pub struct RunValuationPayload {
    pub valuation: Valuation,
    pub result: CompValuation,
}

#[Object]
impl ValuationMutations {
    /// Values a property with Comp-Critic and saves the run; it then shows as the property's
    /// `latestValuation`. Requires analyst (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::COMP_VALUATION + child_complexity"
    )]
    async fn run_valuation(&self, ctx: &Context<'_>, input: RunValuationInput) -> Result<RunValuationPayload> {
        let as_of = input.as_of.unwrap_or_else(today);
        let (saved, v) = valuations::run(&caller(ctx)?, &*comp_service(ctx)?, &input.property_id, as_of).await?;
        Ok(RunValuationPayload {
            valuation: Valuation(saved),
            result: CompValuation::new(v.valuation, as_of),
        })
    }
}
