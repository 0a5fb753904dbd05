//! Rent-roll import (docs/rent-roll.md): the preview of a seller's CSV/XLSX rent roll (pure), and
//! the import that writes it in the caller's transaction — a commercial roll's suites merged into
//! the property's leases by suite, a multifamily roll's units merged into its unit leases by unit
//! and aggregated into its unit mix — with field provenance pointing at the file, its SHA-256 and the row. A roll with any
//! blocking problem writes nothing. `stored`: the same metrics from a property's stored leases or
//! unit mix.
mod commercial;
mod multifamily;
mod stored;

use super::caller::{Caller, Origin};
use crate::error::ApiError;
use crate::persistence::TenantTx;
use reos_entities::enums::PropertyType;
use reos_entities::property;
use serde::Serialize;

pub use crate::analytics::rent_roll::{ColumnChoice, Kind, Metrics, Options, Preview, Problem};
pub use stored::{StoredRentRoll, for_property, of_property};

/// The provenance method of rent-roll writes.
pub const METHOD: &str = "rent_roll";

/// An uploaded rent roll: its file name (for the format and the provenance) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct RentRollFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Written {
    /// `rent-roll:<file>#sha256:<hex>`, the source of every provenance row written.
    pub source: String,
    pub leases_created: usize,
    pub leases_updated: usize,
    pub leases_unchanged: usize,
    pub unit_types_created: usize,
    pub unit_types_updated: usize,
    pub unit_types_unchanged: usize,
    pub unit_types_deleted: usize,
    /// Multifamily units (unit leases) created, updated, left as stored and deleted.
    pub units_created: usize,
    pub units_updated: usize,
    pub units_unchanged: usize,
    pub units_deleted: usize,
}

/// An accepted import: the preview it wrote from and what it wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub preview: Preview,
    pub written: Written,
}

/// Why a rent roll was not imported. Nothing was written in either case.
#[derive(Debug)]
pub enum RentRollError {
    /// The roll has blocking problems (each names its row and column); the preview says all.
    Rejected(Box<Preview>),
    /// The property, or a write, was refused.
    Api(ApiError),
}

impl RentRollError {
    /// The stable code: `RENT_ROLL_REJECTED`, or the API error's.
    pub fn code(&self) -> &'static str {
        match self {
            RentRollError::Rejected(_) => "RENT_ROLL_REJECTED",
            RentRollError::Api(e) => e.code(),
        }
    }

    /// One line per blocking problem, or the API error's message.
    pub fn message(&self) -> String {
        match self {
            RentRollError::Rejected(p) => rejected_message(p),
            RentRollError::Api(e) => e.message(),
        }
    }
}

fn rejected_message(p: &Preview) -> String {
    let lines = p.blocking_lines();
    format!(
        "{}: {} blocking problem(s), nothing was imported: {}",
        p.file,
        lines.len(),
        lines.join("; ")
    )
}

impl From<ApiError> for RentRollError {
    fn from(e: ApiError) -> Self {
        RentRollError::Api(e)
    }
}

impl From<sea_orm::DbErr> for RentRollError {
    fn from(e: sea_orm::DbErr) -> Self {
        RentRollError::Api(e.into())
    }
}

impl From<RentRollError> for ApiError {
    /// A rejected roll is BAD_USER_INPUT on `input.file`, naming every blocking problem.
    fn from(e: RentRollError) -> Self {
        match e {
            RentRollError::Rejected(p) => ApiError::bad_input("input.file", rejected_message(&p)),
            RentRollError::Api(e) => e,
        }
    }
}

/// The preview of a file (pure: no database).
pub fn preview(file: RentRollFile<'_>, opts: &Options) -> Preview {
    let p = crate::analytics::rent_roll::preview(file.name, file.bytes, opts);
    tracing::debug!(
        file = %p.file,
        kind = ?p.kind,
        kept = p.summary.kept,
        skipped = p.summary.skipped,
        blocking = p.summary.blocking_problems,
        "rent roll previewed"
    );
    p
}

/// Refuses a roll of the other kind than the property (a multifamily roll writes a unit mix, which
/// only a multifamily property has; a commercial roll writes leases, which it has not).
fn check_kind(p: &property::Model, kind: Kind) -> Result<(), ApiError> {
    let multifamily = p.property_type == PropertyType::Multifamily;
    match (kind, multifamily) {
        (Kind::Multifamily, false) => Err(ApiError::bad_input(
            "input.propertyId",
            format!(
                "the property is {}: a multifamily rent roll writes a unit mix, which only a multifamily property has",
                p.property_type
            ),
        )),
        (Kind::Commercial, true) => Err(ApiError::bad_input(
            "input.propertyId",
            "the property is multifamily: a commercial rent roll writes leases by suite; import a unit rent roll",
        )),
        _ => Ok(()),
    }
}

/// The preview of a file for property `property_id` (NOT_FOUND for other tenants' ids; a roll of
/// the other kind than the property is refused). Writes nothing.
pub async fn preview_for(
    tx: &TenantTx,
    property_id: &str,
    file: RentRollFile<'_>,
    opts: &Options,
) -> Result<Preview, ApiError> {
    let prop = super::properties::find(tx, property_id).await?;
    let p = preview(file, opts);
    if let Some(kind) = p.kind {
        check_kind(&prop, kind)?;
    }
    Ok(p)
}

/// The provenance source of a previewed file.
pub fn source(p: &Preview) -> String {
    format!("rent-roll:{}#sha256:{}", p.file, p.sha256)
}

/// The origin of values written from row `row`s of the file.
fn origin(source: &str, evidence: String) -> Origin {
    Origin {
        source: source.to_owned(),
        method: METHOD.into(),
        evidence_uri: Some(evidence),
        ..Origin::default()
    }
}

/// Previews the file and, when nothing blocks, writes it into property `property_id` through the
/// caller's transaction (the caller commits): a commercial roll's suites into the leases (merged
/// by suite), a multifamily roll's unit types into the unit mix (replaced). Recorded in the audit
/// log with the file, its SHA-256 and the counts.
#[tracing::instrument(skip_all, fields(tenant = %c.tx.tenant(), property = %property_id, file = %file.name))]
pub async fn import(
    c: &Caller<'_>,
    property_id: &str,
    file: RentRollFile<'_>,
    opts: &Options,
) -> Result<Imported, RentRollError> {
    let prop = super::properties::find(c.tx, property_id).await?;
    let p = preview(file, opts);
    if p.blocked() {
        return Err(RentRollError::Rejected(Box::new(p)));
    }
    let Some(kind) = p.kind else {
        return Err(RentRollError::Rejected(Box::new(p)));
    };
    check_kind(&prop, kind)?;
    let mut written = Written {
        source: source(&p),
        ..Written::default()
    };
    match kind {
        Kind::Commercial => commercial::write(c, &prop, &p, &mut written).await?,
        Kind::Multifamily => multifamily::write(c, &prop, &p, &mut written).await?,
    }
    c.audit(
        "import",
        "rent_roll",
        Some(prop.id),
        serde_json::json!({
            "file": p.file,
            "sha256": p.sha256,
            "kind": kind,
            "rows": p.summary.kept,
            "written": written,
        }),
    )
    .await?;
    tracing::info!(?written, "rent roll imported");
    Ok(Imported { preview: p, written })
}

#[cfg(test)]
mod tests;
