//! `dcf`, `dcfMonteCarlo` and `dcfSensitivity` on an inline input. Analyst or higher; the engine
//! runs on the blocking pool, and its refusals become BAD_USER_INPUT naming the GraphQL path.
use crate::analytics::dcf::{self, DcfError, DcfInput, MonteCarloSpec, SensitivitySpec, ValueOptions};
use crate::auth::Role;
use crate::error::{ApiError, ApiResult};
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf::DcfResult;
use crate::graphql::types::dcf_input::DcfInputGql;
use crate::graphql::types::dcf_risk::{
    DcfMonteCarloResult, DcfSensitivityResult, MonteCarloSpecInput, SensitivitySpecInput,
};
use async_graphql::{Context, Object, Result};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Most Monte Carlo paths one request may ask for.
pub const MAX_PATHS: i32 = 100_000;
/// Most histogram bins and most offsets per sensitivity axis.
const MAX_BINS: i32 = 200;
const MAX_OFFSETS: usize = 41;

#[derive(Default)]
pub struct DcfQueries;

/// Runs engine work on the blocking pool, off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> ApiResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("DCF task failed: {e}")))
}

/// Sets its flag when dropped: the request that owns it has gone (timed out, connection closed,
/// server shutting down), so the blocking work it started should stop.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// [`blocking`] for long engine work that checks a stop flag: the flag is set when the calling
/// future is dropped, so a cancelled request does not keep a core busy (or hold up a shutdown).
pub(crate) async fn cancellable<T: Send + 'static>(f: impl FnOnce(&AtomicBool) -> T + Send + 'static) -> ApiResult<T> {
    let stop = Arc::new(AtomicBool::new(false));
    let _guard = StopOnDrop(stop.clone());
    blocking(move || f(&stop)).await
}

/// `area_sf[2]` → `areaSf[2]`.
fn camel(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    let mut upper = false;
    for c in segment.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// An engine path (`leases[2].end`, `market_leasing.office.ti_new_psf`) as the GraphQL path of the
/// same value (`leases[2].end`, `marketLeasing[0].tiNewPsf`); profile names become list positions.
pub(crate) fn graphql_path(engine: &str, mla_names: &[String]) -> String {
    if let Some(rest) = engine.strip_prefix("market_leasing.") {
        let hit = mla_names
            .iter()
            .enumerate()
            .filter(|(_, n)| rest.starts_with(&format!("{n}.")))
            .max_by_key(|(_, n)| n.len());
        if let Some((i, n)) = hit {
            let field = &rest[n.len() + 1..];
            return format!("marketLeasing[{i}].{}", camel(field));
        }
    }
    engine.split('.').map(camel).collect::<Vec<_>>().join(".")
}

/// BAD_USER_INPUT for an engine refusal: input fields under `prefix`, spec fields under `spec`.
pub(crate) fn engine_error(e: &DcfError, prefix: &str, mla_names: &[String]) -> ApiError {
    let field = e.field();
    let message = match e {
        DcfError::Invalid { message, .. } | DcfError::Json { message, .. } => message.clone(),
        DcfError::Cancelled => e.to_string(),
    };
    let path = if let Some(rest) = field
        .strip_prefix("monte_carlo.")
        .or_else(|| field.strip_prefix("sensitivity."))
    {
        format!("spec.{}", camel(rest))
    } else if field == "paths" {
        "paths".to_owned()
    } else {
        format!("{prefix}.{}", graphql_path(field, mla_names))
    };
    ApiError::bad_input(path, message)
}

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
        complexity = "crate::graphql::work::price::dcf(input.run_size()) + child_complexity"
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
        complexity = "crate::graphql::work::price::monte_carlo(paths, input.run_size()) + child_complexity"
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
        complexity = "crate::graphql::work::price::sensitivity(spec.as_ref(), input.run_size()) + child_complexity"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_paths_become_camel_case_graphql_paths() {
        let names = vec!["retail".to_owned(), "office.hq".to_owned()];
        assert_eq!(graphql_path("leases[2].end", &names), "leases[2].end");
        assert_eq!(
            graphql_path("leases[0].expense_stop_psf", &names),
            "leases[0].expenseStopPsf"
        );
        assert_eq!(
            graphql_path("market_leasing.office.hq.ti_new_psf", &names),
            "marketLeasing[1].tiNewPsf"
        );
        assert_eq!(
            graphql_path("unit_mix[1].current_rent", &names),
            "unitMix[1].currentRent"
        );
    }

    #[test]
    fn spec_errors_are_named_under_spec() {
        let e = DcfError::Invalid {
            field: "sensitivity.exit_cap_offsets[1]".into(),
            message: "out of range".into(),
        };
        match engine_error(&e, "input", &[]) {
            ApiError::BadInput { field, .. } => assert_eq!(field, "spec.exitCapOffsets[1]"),
            other => panic!("expected BadInput, got {other:?}"),
        }
    }
}
