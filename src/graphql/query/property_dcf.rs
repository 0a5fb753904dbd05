//! `propertyDcf`, `propertyDcfMonteCarlo`, `propertyDcfSensitivity` and `dcfInputs`: the DCF of a
//! stored property, built from its rows. Read-only (saving the run is the `savePropertyDcf`
//! mutation, which values through [`value_stored`]). Analyst or higher; other tenants'
//! properties are NOT_FOUND.
use super::dcf::{mc_args, sensitivity_args};
use crate::analytics::dcf;
use crate::auth::Role;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf::DcfResult;
use crate::graphql::types::dcf_risk::{
    DcfMonteCarloResult, DcfSensitivityResult, MonteCarloSpecInput, SensitivitySpecInput,
};
use crate::graphql::types::dcf_stored::{
    DcfAssumptions, DcfAssumptionsInput, DcfInputs, Loan, MarketLeasingProfile, OperatingExpense,
};
use crate::services::dcf_run::cancellable;
use crate::services::stored_dcf::{self, prepare, property_error, validated, value_stored};
use async_graphql::{Context, ID, Object, Result};

/// The caller's overrides of the stored assumptions, as the service takes them.
pub(crate) fn overrides(a: Option<&DcfAssumptionsInput>) -> crate::services::property_dcf::Assumptions {
    a.map(DcfAssumptionsInput::to_assumptions).unwrap_or_default()
}

#[derive(Default)]
pub struct PropertyDcfQueries;

#[Object]
impl PropertyDcfQueries {
    /// Values a stored property: its price, area, leases or unit mix, expenses, leasing profiles,
    /// loan, stored assumptions (overridden by `assumptions`) and latest hazard. Nothing is saved
    /// (see `savePropertyDcf`). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::dcf(crate::graphql::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
    )]
    async fn property_dcf(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        assumptions: Option<DcfAssumptionsInput>,
    ) -> Result<DcfResult> {
        let ledger = ctx.look_ahead().field("ledger").exists();
        let (_, result) = value_stored(tx(ctx)?, &property_id, overrides(assumptions.as_ref()), ledger).await?;
        Ok(result.into())
    }

    /// Monte Carlo on a stored property (as `propertyDcf`; `paths` 1 to 100,000). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::monte_carlo(paths, crate::graphql::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
    )]
    async fn property_dcf_monte_carlo(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        assumptions: Option<DcfAssumptionsInput>,
        spec: MonteCarloSpecInput,
        paths: i32,
        seed: i32,
    ) -> Result<DcfMonteCarloResult> {
        let (mc_spec, n, s) = mc_args(&spec, paths, seed)?;
        let p = prepare(tx(ctx)?, &property_id, overrides(assumptions.as_ref())).await?;
        let input = validated(&p)?;
        let names = p.names;
        let r = cancellable(move |stop| dcf::monte_carlo_until(&input, &mc_spec, n, s, stop))
            .await?
            .map_err(|e| property_error(&e, &names))?;
        Ok(DcfMonteCarloResult::new(r, seed))
    }

    /// Sensitivity grids on a stored property (as `propertyDcf`). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::sensitivity(spec.as_ref(), crate::graphql::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
    )]
    async fn property_dcf_sensitivity(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        assumptions: Option<DcfAssumptionsInput>,
        spec: Option<SensitivitySpecInput>,
    ) -> Result<DcfSensitivityResult> {
        let s = sensitivity_args(spec.as_ref())?;
        let p = prepare(tx(ctx)?, &property_id, overrides(assumptions.as_ref())).await?;
        let input = validated(&p)?;
        let names = p.names;
        let r = cancellable(move |stop| dcf::sensitivity_until(&input, &s, stop))
            .await?
            .map_err(|e| property_error(&e, &names))?;
        Ok(r.into())
    }

    /// A property's stored DCF inputs besides leases and unit mix. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn dcf_inputs(&self, ctx: &Context<'_>, property_id: ID) -> Result<DcfInputs> {
        let s = stored_dcf::stored_inputs(tx(ctx)?, &property_id).await?;
        Ok(DcfInputs {
            expenses: s.expenses.into_iter().map(OperatingExpense).collect(),
            leasing_profiles: s.profiles.into_iter().map(MarketLeasingProfile).collect(),
            loan: s.loan.map(Loan),
            assumptions: s.assumptions.map(DcfAssumptions),
        })
    }
}
