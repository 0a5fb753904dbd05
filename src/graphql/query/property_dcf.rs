//! `propertyDcf`, `propertyDcfMonteCarlo`, `propertyDcfSensitivity` and `dcfInputs`: the DCF of a
//! stored property, built from its rows. Read-only (saving the run is the `savePropertyDcf`
//! mutation, which values through [`value_stored`]). Analyst or higher; other tenants'
//! properties are NOT_FOUND.
use super::dcf::{blocking, cancellable, engine_error, graphql_path, mc_args, sensitivity_args};
use crate::analytics::dcf::{self, DcfError, DcfInput, RawDcfInput, ValueOptions};
use crate::auth::Role;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf::DcfResult;
use crate::graphql::types::dcf_risk::{
    DcfMonteCarloResult, DcfSensitivityResult, MonteCarloSpecInput, SensitivitySpecInput,
};
use crate::graphql::types::dcf_stored::{
    DcfAssumptions, DcfAssumptionsInput, DcfInputs, Loan, MarketLeasingProfile, OperatingExpense,
};
use crate::persistence::TenantTx;
use crate::persistence::repositories::{self, dcf_inputs};
use crate::services::property_dcf;
use async_graphql::{Context, ID, Object, Result};
use reos_entities::property;
use uuid::Uuid;

/// Top-level engine fields that come from the assumptions (stored or overridden).
const ASSUMPTION_FIELDS: &[&str] = &[
    "analysis_start",
    "hold_years",
    "purchase_price",
    "discount_rate",
    "equity_discount_rate",
    "exit_cap_rate",
    "selling_cost_pct",
    "closing_cost_pct",
    "market_rent_growth",
    "expense_growth",
    "general_vacancy_pct",
    "other_income_annual",
    "management_fee_pct",
    "capital_reserve_annual",
];

#[derive(Default)]
pub struct PropertyDcfQueries;

/// The property's engine input and its profile names (for error paths).
pub(crate) struct Prepared {
    pub(crate) raw: RawDcfInput,
    names: Vec<String>,
    pub(crate) property_id: Uuid,
}

async fn found(tx: &TenantTx, id: &ID) -> ApiResult<property::Model> {
    let id = rules::uuid(id, "property")?;
    repositories::find::<property::Entity>(tx, id)
        .await?
        .ok_or(ApiError::not_found("property"))
}

async fn prepare(tx: &TenantTx, id: &ID, assumptions: Option<&DcfAssumptionsInput>) -> ApiResult<Prepared> {
    let p = found(tx, id).await?;
    let property_id = p.id;
    let rows = dcf_inputs::rows(tx, p).await?;
    let names = rows.profiles.iter().map(|m| m.name.clone()).collect();
    let overrides = assumptions.map(DcfAssumptionsInput::to_assumptions).unwrap_or_default();
    Ok(Prepared {
        raw: property_dcf::raw_input(&rows, overrides),
        names,
        property_id,
    })
}

/// Assumption fields are named under `assumptions`, stored data under `property`.
fn property_error(e: &DcfError, names: &[String]) -> ApiError {
    let field = e.field();
    let prefix = if ASSUMPTION_FIELDS.contains(&field) || field.starts_with("multifamily.") {
        "assumptions"
    } else {
        "property"
    };
    let err = engine_error(e, prefix, names);
    match (err, field.strip_prefix("multifamily.")) {
        (ApiError::BadInput { message, .. }, Some(rest)) => {
            ApiError::bad_input(format!("assumptions.{}", graphql_path(rest, names)), message)
        }
        (err, _) => err,
    }
}

fn validated(p: &Prepared) -> ApiResult<DcfInput> {
    DcfInput::from_raw(p.raw.clone()).map_err(|e| property_error(&e, &p.names))
}

/// Values the stored property `id` (with the `assumptions` overrides) on the blocking pool; the
/// monthly ledger only when `ledger`. Shared by `propertyDcf` and `savePropertyDcf`.
pub(crate) async fn value_stored(
    tx: &TenantTx,
    id: &ID,
    assumptions: Option<&DcfAssumptionsInput>,
    ledger: bool,
) -> ApiResult<(Prepared, dcf::DcfResult)> {
    let p = prepare(tx, id, assumptions).await?;
    let input = validated(&p)?;
    let names = p.names.clone();
    let _timer = crate::telemetry::metrics::valuation_timer("dcf");
    let result = blocking(move || dcf::value_with_options(&input, ValueOptions { ledger }))
        .await?
        .map_err(|e| property_error(&e, &names))?;
    Ok((p, result))
}

#[Object]
impl PropertyDcfQueries {
    /// Values a stored property: its price, area, leases or unit mix, expenses, leasing profiles,
    /// loan, stored assumptions (overridden by `assumptions`) and latest hazard. Nothing is saved
    /// (see `savePropertyDcf`). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::work::price::dcf(crate::graphql::work::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
    )]
    async fn property_dcf(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        assumptions: Option<DcfAssumptionsInput>,
    ) -> Result<DcfResult> {
        let ledger = ctx.look_ahead().field("ledger").exists();
        let (_, result) = value_stored(tx(ctx)?, &property_id, assumptions.as_ref(), ledger).await?;
        Ok(result.into())
    }

    /// Monte Carlo on a stored property (as `propertyDcf`; `paths` 1 to 100,000). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::work::price::monte_carlo(paths, crate::graphql::work::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
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
        let p = prepare(tx(ctx)?, &property_id, assumptions.as_ref()).await?;
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
        complexity = "crate::graphql::work::price::sensitivity(spec.as_ref(), crate::graphql::work::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
    )]
    async fn property_dcf_sensitivity(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        assumptions: Option<DcfAssumptionsInput>,
        spec: Option<SensitivitySpecInput>,
    ) -> Result<DcfSensitivityResult> {
        let s = sensitivity_args(spec.as_ref())?;
        let p = prepare(tx(ctx)?, &property_id, assumptions.as_ref()).await?;
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
        let tx = tx(ctx)?;
        let p = found(tx, &property_id).await?;
        Ok(DcfInputs {
            expenses: dcf_inputs::expenses(tx, p.id)
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .map(OperatingExpense)
                .collect(),
            leasing_profiles: dcf_inputs::profiles(tx, p.id)
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .map(MarketLeasingProfile)
                .collect(),
            loan: dcf_inputs::loan_of(tx, p.id).await.map_err(ApiError::from)?.map(Loan),
            assumptions: dcf_inputs::assumptions_of(tx, p.id)
                .await
                .map_err(ApiError::from)?
                .map(DcfAssumptions),
        })
    }
}
