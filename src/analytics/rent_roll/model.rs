//! The rent-roll preview as JSON (the `--report` of `reos import rent-roll` and what the
//! importer writes from): file, mapping, every row kept or skipped with its values, problems,
//! summary and metrics. The key names are a public interface (docs/rent-roll.md).
use super::grid::Format;
use super::header::Kind;
use super::metrics::Metrics;
use chrono::NaiveDate;
use serde::Serialize;

/// One column's mapping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// 0-based (0 = column A).
    pub index: usize,
    pub header: String,
    /// The row key the column fills (`tenant`, `area_sf`, …), or None when it is not read.
    pub field: Option<&'static str>,
    pub reason: String,
}

/// The values of a commercial row (None when the roll has no such column or the cell is empty).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CommercialValues {
    pub tenant: Option<String>,
    pub suite: Option<String>,
    pub area_sf: Option<f64>,
    /// As stated, or derived (to the cent) from the first rent column there is: 12 × monthly,
    /// $/sf/yr × area, or 12 × $/sf/mo × area.
    pub annual_rent: Option<f64>,
    /// As stated, else annual ÷ 12 (to the cent).
    pub monthly_rent: Option<f64>,
    /// As stated, else annual ÷ area (to the cent).
    pub rent_psf_annual: Option<f64>,
    /// As stated.
    pub rent_psf_monthly: Option<f64>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Annual escalation as a fraction.
    pub escalation_pct: Option<f64>,
    pub market_rent_psf: Option<f64>,
    pub vacant: Option<bool>,
}

/// The values of a multifamily row (rents monthly).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MultifamilyValues {
    pub unit: Option<String>,
    pub unit_type: Option<String>,
    pub area_sf: Option<f64>,
    pub market_rent: Option<f64>,
    pub actual_rent: Option<f64>,
    pub move_in: Option<NaiveDate>,
    pub lease_end: Option<NaiveDate>,
    /// `occupied`, `vacant` or `notice`.
    pub status: Option<super::rows::Status>,
    pub vacant: Option<bool>,
}

/// A row's values by the roll's kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Values {
    Commercial(CommercialValues),
    Multifamily(MultifamilyValues),
}

impl Values {
    pub fn empty(kind: Kind) -> Self {
        match kind {
            Kind::Commercial => Values::Commercial(CommercialValues::default()),
            Kind::Multifamily => Values::Multifamily(MultifamilyValues::default()),
        }
    }
}

/// One data row: its number, kept or skipped and why, and its mapped values (flat).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowOut {
    pub row: usize,
    pub kept: bool,
    /// `blank`, `total`, `header`, `note` for a skipped row; `vacant` for a kept vacant one.
    pub reason: Option<&'static str>,
    #[serde(flatten)]
    pub values: Values,
}

/// Something wrong with the file, a column or a cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The row number (None for the file or a whole column).
    pub row: Option<usize>,
    /// The column's header (or letter).
    pub column: Option<String>,
    /// Stable: `unparsable`, `negative_value`, `missing_value`, `ambiguous_unit`, …
    pub code: &'static str,
    pub message: String,
    /// A blocking problem makes the import write nothing.
    pub blocking: bool,
}

/// Counts of the preview.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Summary {
    pub data_rows: usize,
    pub kept: usize,
    pub skipped: usize,
    pub blank: usize,
    pub total: usize,
    pub header: usize,
    pub note: usize,
    pub occupied: usize,
    pub vacant: usize,
    pub blocking_problems: usize,
    pub warnings: usize,
}

/// The whole preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub file: String,
    pub sha256: String,
    pub format: Format,
    pub sheet: Option<String>,
    pub kind: Option<Kind>,
    pub kind_reason: Option<String>,
    /// The header's (first) row number.
    pub header_row: Option<usize>,
    /// 1, or 2 for a two-line header.
    pub header_lines: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<RowOut>,
    pub problems: Vec<Problem>,
    pub summary: Summary,
    pub metrics: Option<Metrics>,
}

impl Preview {
    /// Whether any problem is blocking (the import writes nothing).
    pub fn blocked(&self) -> bool {
        self.problems.iter().any(|p| p.blocking)
    }

    /// The blocking problems, one per line (`row 12, column "Lease Exp": … (unparsable)`).
    pub fn blocking_lines(&self) -> Vec<String> {
        self.problems.iter().filter(|p| p.blocking).map(Problem::line).collect()
    }
}

impl Problem {
    /// The message (which names the row and column it is about) and the code.
    pub fn line(&self) -> String {
        format!("{} ({})", self.message, self.code)
    }
}
