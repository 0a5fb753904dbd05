//! Input rules shared by mutations and importers. Each check names the field it refuses
//! (`input.livingAreaSf`) and never adjusts a value.
use crate::error::{ApiError, ApiResult};
use chrono::Datelike;

pub fn positive(field: &str, v: Option<f64>) -> ApiResult<()> {
    match v {
        Some(x) if !(x.is_finite() && x > 0.0) => Err(ApiError::bad_input(field, "must be a positive number")),
        _ => Ok(()),
    }
}

pub fn non_negative(field: &str, v: Option<f64>) -> ApiResult<()> {
    match v {
        Some(x) if !(x.is_finite() && x >= 0.0) => Err(ApiError::bad_input(field, "must be zero or more")),
        _ => Ok(()),
    }
}

pub fn non_negative_int(field: &str, v: Option<i32>) -> ApiResult<()> {
    match v {
        Some(x) if x < 0 => Err(ApiError::bad_input(field, "must be zero or more")),
        _ => Ok(()),
    }
}

/// A probability or share in [0, 1].
pub fn unit_interval(field: &str, v: Option<f64>) -> ApiResult<()> {
    match v {
        Some(x) if !(0.0..=1.0).contains(&x) => Err(ApiError::bad_input(field, "must be between 0 and 1")),
        _ => Ok(()),
    }
}

/// A growth or escalation rate in (−1, 1).
pub fn rate(field: &str, v: Option<f64>) -> ApiResult<()> {
    match v {
        Some(x) if !(x > -1.0 && x < 1.0) => Err(ApiError::bad_input(field, "must be a fraction between -1 and 1")),
        _ => Ok(()),
    }
}

pub fn int_range(field: &str, v: Option<i32>, lo: i32, hi: i32) -> ApiResult<()> {
    match v {
        Some(x) if !(lo..=hi).contains(&x) => Err(ApiError::bad_input(field, format!("must be between {lo} and {hi}"))),
        _ => Ok(()),
    }
}

pub fn non_empty(field: &str, v: Option<&str>) -> ApiResult<()> {
    match v {
        Some(s) if s.trim().is_empty() => Err(ApiError::bad_input(field, "must not be empty")),
        _ => Ok(()),
    }
}

/// Year built/remodeled: not before 1600 and not in the future.
pub fn year(field: &str, v: Option<i32>) -> ApiResult<()> {
    let this_year = chrono::Utc::now().year();
    int_range(field, v, 1600, this_year)
}

/// Latitude and longitude: both or neither, and on the globe.
pub fn coordinates(prefix: &str, lat: Option<f64>, lon: Option<f64>) -> ApiResult<()> {
    match (lat, lon) {
        (Some(la), _) if !(-90.0..=90.0).contains(&la) => Err(ApiError::bad_input(
            format!("{prefix}latitude"),
            "must be between -90 and 90",
        )),
        (_, Some(lo)) if !(-180.0..=180.0).contains(&lo) => Err(ApiError::bad_input(
            format!("{prefix}longitude"),
            "must be between -180 and 180",
        )),
        (Some(_), None) => Err(ApiError::bad_input(
            format!("{prefix}longitude"),
            "required with latitude",
        )),
        (None, Some(_)) => Err(ApiError::bad_input(
            format!("{prefix}latitude"),
            "required with longitude",
        )),
        _ => Ok(()),
    }
}

/// Parses a client's id as a UUID; a malformed id is simply not found (no format oracle).
pub fn uuid(id: &str, entity: &'static str) -> ApiResult<uuid::Uuid> {
    uuid::Uuid::parse_str(id).map_err(|_| ApiError::not_found(entity))
}

#[cfg(test)]
mod tests;
