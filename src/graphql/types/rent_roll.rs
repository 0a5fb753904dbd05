//! Rent rolls over GraphQL (docs/rent-roll.md): `RentRollPreview` (the header, each column's
//! mapping and why, every row kept or skipped and why with its values, the problems, the counts
//! and the metrics) and `ImportRentRollPayload`. The metrics are `rent_roll_metrics`.
use super::rent_roll_metrics::{RentRollMetrics, int};
use crate::analytics::rent_roll::rows::Status;
use crate::analytics::rent_roll::{Format, Kind, Preview, Problem, RowOut, Values};
use crate::services::rent_roll::Written;
use async_graphql::{Enum, Object, SimpleObject};
use chrono::NaiveDate;

/// The file's format.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum RentRollFormat {
    Csv,
    Xlsx,
    Xls,
}

/// Commercial (leases by suite) or multifamily (units by type).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum RentRollKind {
    Commercial,
    Multifamily,
}

impl From<Kind> for RentRollKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Commercial => Self::Commercial,
            Kind::Multifamily => Self::Multifamily,
        }
    }
}

/// A multifamily unit's status, normalized.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum RentRollUnitStatus {
    Occupied,
    Vacant,
    /// Occupied; the resident has given notice.
    Notice,
}

/// One column of the header and what it is read as.
#[derive(SimpleObject)]
pub struct RentRollColumn {
    /// 0-based (0 = column A): what `RentRollColumnInput.column` names.
    pub index: i32,
    pub header: String,
    /// The row value the column fills (`tenant`, `area_sf`, `annual_rent`, …), null when not read.
    pub field: Option<String>,
    /// Which synonym or keywords matched, the unit inferred, and so on.
    pub reason: String,
}

/// A data row: kept (a suite or unit, occupied or vacant) or skipped and why, with its values
/// (null when skipped). Commercial rows fill `tenant` … `marketRentPsf`, multifamily rows
/// `unit` … `status`; `areaSf` and `vacant` both.
#[derive(SimpleObject, Default)]
pub struct RentRollRow {
    pub row: i32,
    pub kept: bool,
    /// `blank`, `total`, `header` or `note` for a skipped row; `vacant` for a kept vacant space.
    pub reason: Option<String>,
    pub tenant: Option<String>,
    pub suite: Option<String>,
    pub area_sf: Option<f64>,
    pub annual_rent: Option<f64>,
    pub monthly_rent: Option<f64>,
    /// Annual rent per sf.
    pub rent_psf_annual: Option<f64>,
    /// Monthly rent per sf, as stated.
    pub rent_psf_monthly: Option<f64>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// A fraction.
    pub escalation_pct: Option<f64>,
    pub market_rent_psf: Option<f64>,
    pub unit: Option<String>,
    pub unit_type: Option<String>,
    /// Monthly.
    pub market_rent: Option<f64>,
    /// Monthly (null for a vacant unit).
    pub actual_rent: Option<f64>,
    pub move_in: Option<NaiveDate>,
    pub lease_end: Option<NaiveDate>,
    pub status: Option<RentRollUnitStatus>,
    pub vacant: Option<bool>,
}

impl From<&RowOut> for RentRollRow {
    fn from(r: &RowOut) -> Self {
        let base = RentRollRow {
            row: int(r.row),
            kept: r.kept,
            reason: r.reason.map(str::to_owned),
            ..RentRollRow::default()
        };
        match &r.values {
            Values::Commercial(v) => RentRollRow {
                tenant: v.tenant.clone(),
                suite: v.suite.clone(),
                area_sf: v.area_sf,
                annual_rent: v.annual_rent,
                monthly_rent: v.monthly_rent,
                rent_psf_annual: v.rent_psf_annual,
                rent_psf_monthly: v.rent_psf_monthly,
                start: v.start,
                end: v.end,
                escalation_pct: v.escalation_pct,
                market_rent_psf: v.market_rent_psf,
                vacant: v.vacant,
                ..base
            },
            Values::Multifamily(v) => RentRollRow {
                unit: v.unit.clone(),
                unit_type: v.unit_type.clone(),
                area_sf: v.area_sf,
                market_rent: v.market_rent,
                actual_rent: v.actual_rent,
                move_in: v.move_in,
                lease_end: v.lease_end,
                status: v.status.map(|s| match s {
                    Status::Occupied => RentRollUnitStatus::Occupied,
                    Status::Vacant => RentRollUnitStatus::Vacant,
                    Status::Notice => RentRollUnitStatus::Notice,
                }),
                vacant: v.vacant,
                ..base
            },
        }
    }
}

/// Something wrong with the file, a column or a cell.
#[derive(SimpleObject)]
pub struct RentRollProblem {
    /// Null for the file or a whole column.
    pub row: Option<i32>,
    /// The column's header (or letter).
    pub column: Option<String>,
    /// Stable: `unparsable`, `negative_value`, `missing_value`, `ambiguous_unit`, … (docs/rent-roll.md).
    pub code: String,
    pub message: String,
    /// A blocking problem makes the import write nothing.
    pub blocking: bool,
}

impl From<&Problem> for RentRollProblem {
    fn from(p: &Problem) -> Self {
        Self {
            row: p.row.map(int),
            column: p.column.clone(),
            code: p.code.to_owned(),
            message: p.message.clone(),
            blocking: p.blocking,
        }
    }
}

/// Counts of the preview.
#[derive(SimpleObject)]
pub struct RentRollSummary {
    /// Rows below the header.
    pub data_rows: i32,
    pub kept: i32,
    pub skipped: i32,
    pub blank: i32,
    pub total: i32,
    pub header: i32,
    pub note: i32,
    pub occupied: i32,
    pub vacant: i32,
    pub blocking_problems: i32,
    pub warnings: i32,
}

/// The preview of a rent roll: what an import would write, and why.
pub struct RentRollPreview(pub Preview);

#[Object]
impl RentRollPreview {
    /// The uploaded file's name.
    async fn file_name(&self) -> &str {
        &self.0.file
    }
    /// SHA-256 of the file (hex), recorded in the provenance of what an import writes.
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }
    async fn format(&self) -> RentRollFormat {
        match self.0.format {
            Format::Csv => RentRollFormat::Csv,
            Format::Xlsx => RentRollFormat::Xlsx,
            Format::Xls => RentRollFormat::Xls,
        }
    }
    /// The worksheet read (workbooks).
    async fn sheet(&self) -> Option<&str> {
        self.0.sheet.as_deref()
    }
    /// Null when no header was found.
    async fn kind(&self) -> Option<RentRollKind> {
        self.0.kind.map(Into::into)
    }
    async fn kind_reason(&self) -> Option<&str> {
        self.0.kind_reason.as_deref()
    }
    /// The header's (first) row number.
    async fn header_row(&self) -> Option<i32> {
        self.0.header_row.map(int)
    }
    /// 1, or 2 for a two-line header.
    async fn header_lines(&self) -> i32 {
        int(self.0.header_lines)
    }
    async fn columns(&self) -> Vec<RentRollColumn> {
        self.0
            .columns
            .iter()
            .map(|c| RentRollColumn {
                index: int(c.index),
                header: c.header.clone(),
                field: c.field.map(str::to_owned),
                reason: c.reason.clone(),
            })
            .collect()
    }
    /// Every row below the header, kept or skipped.
    async fn rows(&self) -> Vec<RentRollRow> {
        self.0.rows.iter().map(Into::into).collect()
    }
    async fn problems(&self) -> Vec<RentRollProblem> {
        self.0.problems.iter().map(Into::into).collect()
    }
    /// Whether a problem blocks the import (which then writes nothing).
    async fn blocked(&self) -> bool {
        self.0.blocked()
    }
    async fn summary(&self) -> RentRollSummary {
        let s = &self.0.summary;
        RentRollSummary {
            data_rows: int(s.data_rows),
            kept: int(s.kept),
            skipped: int(s.skipped),
            blank: int(s.blank),
            total: int(s.total),
            header: int(s.header),
            note: int(s.note),
            occupied: int(s.occupied),
            vacant: int(s.vacant),
            blocking_problems: int(s.blocking_problems),
            warnings: int(s.warnings),
        }
    }
    /// The metrics of the kept rows (null when no header was found).
    async fn metrics(&self) -> Option<RentRollMetrics> {
        self.0.metrics.clone().map(RentRollMetrics::of_roll)
    }
}

/// What an import wrote (every written field has provenance pointing at the file and row).
#[derive(SimpleObject)]
pub struct RentRollWritten {
    /// `rent-roll:<file>#sha256:<hex>`, the provenance source of every value written.
    pub source: String,
    pub leases_created: i32,
    pub leases_updated: i32,
    pub leases_unchanged: i32,
    pub unit_types_created: i32,
    pub unit_types_updated: i32,
    pub unit_types_unchanged: i32,
    pub unit_types_deleted: i32,
    /// Multifamily units (`Property.unitLeases`) created, updated, left as stored and deleted.
    pub units_created: i32,
    pub units_updated: i32,
    pub units_unchanged: i32,
    pub units_deleted: i32,
}

impl From<Written> for RentRollWritten {
    fn from(w: Written) -> Self {
        Self {
            source: w.source,
            leases_created: int(w.leases_created),
            leases_updated: int(w.leases_updated),
            leases_unchanged: int(w.leases_unchanged),
            unit_types_created: int(w.unit_types_created),
            unit_types_updated: int(w.unit_types_updated),
            unit_types_unchanged: int(w.unit_types_unchanged),
            unit_types_deleted: int(w.unit_types_deleted),
            units_created: int(w.units_created),
            units_updated: int(w.units_updated),
            units_unchanged: int(w.units_unchanged),
            units_deleted: int(w.units_deleted),
        }
    }
}

/// Payload of `importRentRoll`: the preview it wrote from and what it wrote.
#[derive(SimpleObject)]
pub struct ImportRentRollPayload {
    pub preview: RentRollPreview,
    pub written: RentRollWritten,
}
