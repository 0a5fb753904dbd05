//! `dcf`, `dcfMonteCarlo` and `dcfSensitivity` on an inline input. Analyst or higher; the engine
//! runs on the blocking pool, and its refusals become BAD_USER_INPUT naming the GraphQL path.
use crate::analytics::dcf::{self, DcfInput, MonteCarloSpec, SensitivitySpec, ValueOptions};
use crate::auth::Role;
use crate::error::{ApiError, ApiResult};
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf::DcfResult;
use crate::graphql::types::dcf_input::DcfInputGql;
use crate::graphql::types::dcf_risk::{
    DcfMonteCarloResult, DcfSensitivityResult, MonteCarloSpecInput, SensitivitySpecInput,
};
use crate::services::dcf_run::{blocking, cancellable, engine_error};
use async_graphql::{Context, Object, Result};

pub use crate::graphql::price::MAX_PATHS;
/// Most histogram bins and most offsets per sensitivity axis.
const MAX_BINS: i32 = 200;
const MAX_OFFSETS: usize = 41;

#[derive(Default)]
pub struct DcfQueries;

/// The engine input from the GraphQL one, validated.
pub(crate) fn validated(input: &DcfInputGql) -> ApiResult<DcfInput> {
    let names = input.mla_names();
    DcfInput::from_raw(input.to_raw("input")?).map_err(|e| engine_error(&e, "input", &names))
}

/// Checks the Monte Carlo arguments; returns (spec, paths, seed).
pub(crate) fn mc_args(spec: &MonteCarloSpecInput, paths: i32, seed: i32) -> ApiResult<(MonteCarloSpec, usize, u64)> {
    if !(1..=MAX_PATHS).contains(&paths) {
        return Err(ApiError::bad_input(
            "paths",
            format!("must be between 1 and {MAX_PATHS}"),
        ));
    }
    if !(1..=MAX_BINS).contains(&spec.histogram_bins) {
        return Err(ApiError::bad_input(
            "spec.histogramBins",
            format!("must be between 1 and {MAX_BINS}"),
        ));
    }
    let seed = u64::try_from(seed).map_err(|_| ApiError::bad_input("seed", "must be zero or more"))?;
    let bins =
        usize::try_from(spec.histogram_bins).map_err(|_| ApiError::bad_input("spec.histogramBins", "too large"))?;
    let paths = usize::try_from(paths).map_err(|_| ApiError::bad_input("paths", "too large"))?;
    Ok((spec.to_spec(bins), paths, seed))
}

/// Checks the sensitivity axes' lengths.
pub(crate) fn sensitivity_args(spec: Option<&SensitivitySpecInput>) -> ApiResult<SensitivitySpec> {
    let s = spec.map(SensitivitySpecInput::to_spec).unwrap_or_default();
    for (name, axis) in [
        ("spec.exitCapOffsets", &s.exit_cap_offsets),
        ("spec.discountRateOffsets", &s.discount_rate_offsets),
        ("spec.rentGrowthOffsets", &s.rent_growth_offsets),
    ] {
        if axis.len() > MAX_OFFSETS {
            return Err(ApiError::bad_input(name, format!("at most {MAX_OFFSETS} offsets")));
        }
    }
    Ok(s)
}

#[Object]
impl DcfQueries {
    /// Values an inline DCF input (docs/dcf.md). `ledger` is computed only when selected.
    /// Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::dcf(crate::graphql::price::inline(&input)) + child_complexity"
    )]
    async fn dcf(&self, ctx: &Context<'_>, input: DcfInputGql) -> Result<DcfResult> {
        let ledger = ctx.look_ahead().field("ledger").exists();
        let names = input.mla_names();
        let engine_input = validated(&input)?;
        let _timer = crate::telemetry::metrics::valuation_timer("dcf");
        let r = blocking(move || dcf::value_with_options(&engine_input, ValueOptions { ledger }))
            .await?
            .map_err(|e| engine_error(&e, "input", &names))?;
        Ok(r.into())
    }

    /// Monte Carlo over an inline input: `paths` (1 to 100,000) seeded runs; the same input,
    /// spec and seed give the same numbers. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::monte_carlo(paths, crate::graphql::price::inline(&input)) + child_complexity"
    )]
    async fn dcf_monte_carlo(
        &self,
        input: DcfInputGql,
        spec: MonteCarloSpecInput,
        paths: i32,
        seed: i32,
    ) -> Result<DcfMonteCarloResult> {
        let (mc_spec, n, s) = mc_args(&spec, paths, seed)?;
        let names = input.mla_names();
        let engine_input = validated(&input)?;
        let r = cancellable(move |stop| dcf::monte_carlo_until(&engine_input, &mc_spec, n, s, stop))
            .await?
            .map_err(|e| engine_error(&e, "input", &names))?;
        Ok(DcfMonteCarloResult::new(r, seed))
    }

    /// Sensitivity grids over an inline input (default offsets −100 bp to +100 bp in 25 bp
    /// steps, at most 41 per axis). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::sensitivity(spec.as_ref(), crate::graphql::price::inline(&input)) + child_complexity"
    )]
    async fn dcf_sensitivity(
        &self,
        input: DcfInputGql,
        spec: Option<SensitivitySpecInput>,
    ) -> Result<DcfSensitivityResult> {
        let s = sensitivity_args(spec.as_ref())?;
        let names = input.mla_names();
        let engine_input = validated(&input)?;
        let r = cancellable(move |stop| dcf::sensitivity_until(&engine_input, &s, stop))
            .await?
            .map_err(|e| engine_error(&e, "input", &names))?;
        Ok(r.into())
    }
}
