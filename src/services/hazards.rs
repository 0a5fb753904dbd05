//! A tenant's stored hazard table (`reos import hazards`): reading the `lat,lon,flood,wildfire,heat`
//! CSV, checking every point before anything is written, and storing the checked points.
use crate::persistence::TenantTx;
use crate::persistence::repositories::hazard_points;
use crate::pipeline::{HazardError, HazardPoint, HazardTable};
use sea_orm::DbErr;
use std::io::Read;

/// A data row of a hazard table CSV that could not be read; `row` counts from 1 after the header.
#[derive(Debug, thiserror::Error)]
#[error("row {row}")]
pub struct CsvRowError {
    pub row: usize,
    #[source]
    pub source: csv::Error,
}

/// Reads a hazard table CSV with columns `lat, lon, flood, wildfire, heat`; stops at the first row
/// that does not parse.
pub fn read_csv<R: Read>(reader: R) -> Result<Vec<HazardPoint>, CsvRowError> {
    csv::Reader::from_reader(reader)
        .deserialize::<HazardPoint>()
        .enumerate()
        .map(|(i, rec)| rec.map_err(|source| CsvRowError { row: i + 1, source }))
        .collect()
}

/// Points that all passed the checks of the lookup the pipeline builds from them; only these can
/// be stored, so a bad point never reaches the table.
#[derive(Debug, Clone)]
pub struct CheckedPoints(Vec<HazardPoint>);

impl CheckedPoints {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Checks every point by building the lookup once with the pipeline's radius (`hazard_radius_m`);
/// the error names the bad point (`hazard_table[i].field`).
pub fn check(points: Vec<HazardPoint>, radius_m: f64) -> Result<CheckedPoints, HazardError> {
    HazardTable::new(points.clone(), radius_m)?;
    Ok(CheckedPoints(points))
}

/// Stores the points in the tenant's table, after deleting its stored ones when `replace`;
/// `source` is recorded on every row. Returns how many points were deleted. The caller commits.
#[tracing::instrument(skip_all, fields(tenant = %tx.tenant(), points = points.len(), replace))]
pub async fn store(tx: &TenantTx, points: &CheckedPoints, source: &str, replace: bool) -> Result<u64, DbErr> {
    let deleted = hazard_points::store(tx, &points.0, source, replace).await?;
    tracing::debug!(deleted, "hazard points stored");
    Ok(deleted)
}
