//! Running the DCF engine for a request: on the blocking pool, cancellable when the request
//! goes away, with the engine's refusals named by the API path of the value (camelCase).
use crate::analytics::dcf::DcfError;
use crate::error::{ApiError, ApiResult};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Runs engine work on the blocking pool, off the async threads.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> ApiResult<T> {
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
pub async fn cancellable<T: Send + 'static>(f: impl FnOnce(&AtomicBool) -> T + Send + 'static) -> ApiResult<T> {
    let stop = Arc::new(AtomicBool::new(false));
    let _guard = StopOnDrop(stop.clone());
    blocking(move || f(&stop)).await
}

/// `area_sf[2]` → `areaSf[2]`.
pub fn camel(segment: &str) -> String {
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
pub fn graphql_path(engine: &str, mla_names: &[String]) -> String {
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
pub fn engine_error(e: &DcfError, prefix: &str, mla_names: &[String]) -> ApiError {
    let field = e.field();
    let message = match e {
        DcfError::Invalid { message, .. } | DcfError::Json { message, .. } => message.clone(),
        DcfError::NoAnswer { code, message } => {
            return ApiError::NoAnswer {
                code,
                message: message.clone(),
            };
        }
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

#[cfg(test)]
mod tests;
