//! Deterministic property-import fixtures built from canonical sales data (the Ames file): made-up
//! addresses from sale ids, duplicates typed differently, and bad rows of known kinds.
use super::address::{AddressInput, normalize};
use super::hazard_table::HazardPoint;
use super::rows::COLUMNS;
use serde_json::{Map, Number, Value};
use std::collections::{HashMap, HashSet};

/// Columns the fixture writes: the property format without the commercial extras.
pub const FIXTURE_COLUMNS: &[&str] = COLUMNS.split_at(34).0;
/// Radius at which `Fixture::hazard_points` covers every fixture location.
pub const FIXTURE_HAZARD_RADIUS_M: f64 = 600.0;

/// Ways a fixture row is broken, and where the pipeline should catch each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadKind {
    /// `bedrooms = three`: a parse error, the row is rejected.
    UnparseableBedrooms,
    /// Empty address: a parse error (required field).
    MissingAddress,
    /// `year_remodeled` ten years before `year_built`: a warning.
    RemodelBeforeBuilt,
    /// `zip = 5001`: blocking (regex gate; the address does not normalize either).
    MalformedZip,
    /// `living_area_sf = -1200`: blocking.
    NegativeLivingArea,
    /// `year_built = 2999`: blocking.
    FutureYearBuilt,
    /// `flood_score = 1.7`: blocking.
    HazardOutOfRange,
    /// `property_type = castle`: blocking.
    UnknownPropertyType,
}

impl BadKind {
    /// Kinds that do not block a batch under the default gates.
    pub const NON_BLOCKING: [BadKind; 3] = [
        Self::UnparseableBedrooms,
        Self::MissingAddress,
        Self::RemodelBeforeBuilt,
    ];
    pub const BLOCKING: [BadKind; 5] = [
        Self::MalformedZip,
        Self::NegativeLivingArea,
        Self::FutureYearBuilt,
        Self::HazardOutOfRange,
        Self::UnknownPropertyType,
    ];

    fn apply(self, cells: &mut HashMap<&'static str, String>) -> &'static str {
        let (field, value) = match self {
            Self::UnparseableBedrooms => ("bedrooms", "three".to_string()),
            Self::MissingAddress => ("address", String::new()),
            Self::RemodelBeforeBuilt => {
                let built: i32 = cells.get("year_built").and_then(|y| y.parse().ok()).unwrap_or(1950);
                ("year_remodeled", (built - 10).to_string())
            }
            Self::MalformedZip => ("zip", "5001".into()),
            Self::NegativeLivingArea => ("living_area_sf", "-1200".into()),
            Self::FutureYearBuilt => ("year_built", "2999".into()),
            Self::HazardOutOfRange => ("flood_score", "1.7".into()),
            Self::UnknownPropertyType => ("property_type", "castle".into()),
        };
        cells.insert(field, value);
        field
    }
}

/// What to build. Rows `i` with `i % duplicate_every == duplicate_every - 1` repeat an earlier
/// property typed differently; rows with `i % bad_every == bad_every / 2` carry the next bad kind.
#[derive(Debug, Clone, PartialEq)]
pub struct FixtureSpec {
    pub rows: usize,
    pub duplicate_every: usize,
    pub bad_every: usize,
    pub bad_kinds: Vec<BadKind>,
}

impl Default for FixtureSpec {
    fn default() -> Self {
        FixtureSpec {
            rows: 240,
            duplicate_every: 12,
            bad_every: 30,
            bad_kinds: BadKind::NON_BLOCKING.to_vec(),
        }
    }
}

/// A row that repeats an earlier one's address (1-based data rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub row: usize,
    pub same_address_as_row: usize,
}

/// A deliberately broken row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub row: usize,
    pub field: &'static str,
    pub kind: BadKind,
}

/// Generated rows (cells in `FIXTURE_COLUMNS` order) and what was planted in them.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    pub records: Vec<Vec<String>>,
    pub duplicates: Vec<Duplicate>,
    pub bad: Vec<BadRow>,
}

#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    #[error("sales file: {0}")]
    Csv(#[from] csv::Error),
    #[error("sales file: missing column {0:?}")]
    MissingColumn(&'static str),
    #[error("sales file: {have} sales, the spec needs {need} distinct ones")]
    TooFewSales { have: usize, need: usize },
    #[error("spec: {0} must be ≥ 2")]
    Spec(&'static str),
}

const STREETS: [&str; 12] = [
    "Maple",
    "Oak",
    "Lincoln",
    "Grand",
    "Duff",
    "Clark",
    "Story",
    "Ridgewood",
    "Hyland",
    "Stange",
    "Kellogg",
    "Wilson",
];
const SUFFIXES: [(&str, &str); 8] = [
    ("Street", "ST"),
    ("Avenue", "AV"),
    ("Drive", "DR"),
    ("Court", "CT"),
    ("Boulevard", "BLVD"),
    ("Lane", "LN"),
    ("Road", "RD"),
    ("Circle", "CIR"),
];
const DIRECTIONS: [(&str, &str); 4] = [("North", "N"), ("South", "S"), ("East", "E"), ("West", "W.")];
const ZIPS: [&str; 3] = ["50010", "50011", "50014"];
const SALE_COLUMNS: [&str; 23] = [
    "sale_id",
    "sale_price",
    "latitude",
    "longitude",
    "city",
    "state",
    "neighborhood",
    "property_type",
    "building_type",
    "living_area_sf",
    "lot_area_sf",
    "year_built",
    "year_remodeled",
    "bedrooms",
    "full_baths",
    "half_baths",
    "basement_sf",
    "garage_cars",
    "condition_score",
    "stories",
    "fireplaces",
    "central_air",
    "porch_sf",
];

/// The parts of a made-up address, so a duplicate can retype them.
struct Street {
    house: u64,
    dir: Option<usize>,
    name: &'static str,
    suffix: usize,
    unit: Option<u64>,
}

impl Street {
    fn from_id(n: u64) -> Self {
        let dir = n.is_multiple_of(5).then_some((n / 5 % 4) as usize);
        Street {
            house: 100 + n * 37 % 4900,
            dir,
            name: STREETS[(n % 12) as usize],
            suffix: (n / 7 % 8) as usize,
            unit: n.is_multiple_of(9).then_some(n % 20 + 1),
        }
    }
    /// `123 North Maple Street`, unit `Apt 4`.
    fn plain(&self) -> (String, String) {
        let dir = self.dir.map(|d| format!("{} ", DIRECTIONS[d].0)).unwrap_or_default();
        let unit = self.unit.map(|u| format!("Apt {u}")).unwrap_or_default();
        (
            format!("{} {dir}{} {}", self.house, self.name, SUFFIXES[self.suffix].0),
            unit,
        )
    }
    /// `123 N MAPLE ST #4`, no unit column.
    fn retyped(&self) -> (String, String) {
        let dir = self.dir.map(|d| format!("{} ", DIRECTIONS[d].1)).unwrap_or_default();
        let unit = self.unit.map(|u| format!(" #{u}")).unwrap_or_default();
        let line = format!(
            "{} {dir}{} {}{unit}",
            self.house,
            self.name.to_uppercase(),
            SUFFIXES[self.suffix].1
        );
        (line, String::new())
    }
}

mod build;
mod output;
pub use build::build;

#[cfg(test)]
mod tests;
