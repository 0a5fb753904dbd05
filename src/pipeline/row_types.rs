//! The data types of the property import row (docs/pipeline.md): the column lists, [`PropertyRow`]
//! with its lease and unit-mix records ([`ChildRow`]), and the parse results and errors. Shared by
//! the cell reader, the child-record parser and the file parsers; re-exported by `rows` and
//! `children`.
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Columns that must be present in a CSV header (JSONL: keys that must be present and non-empty).
pub const REQUIRED: [&str; 6] = ["external_id", "address", "city", "state", "zip", "property_type"];

/// Every column the format names, in file order; other columns are kept in `PropertyRow::extra`.
pub const COLUMNS: [&str; 39] = [
    "external_id",
    "address",
    "unit",
    "city",
    "state",
    "zip",
    "latitude",
    "longitude",
    "property_type",
    "building_type",
    "neighborhood",
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
    "deck_sf",
    "pool_sf",
    "flood_score",
    "wildfire_score",
    "heat_score",
    "list_price",
    "owner_name",
    "owner_type",
    "owner_share_pct",
    "purchase_price",
    "units_count",
    "building_area_sf",
    "name",
    "parking_spaces",
];

/// One property as imported; names and units follow the `properties` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropertyRow {
    pub external_id: String,
    pub address: String,
    pub unit: Option<String>,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub property_type: String,
    pub building_type: Option<String>,
    pub neighborhood: Option<String>,
    pub living_area_sf: Option<f64>,
    pub lot_area_sf: Option<f64>,
    pub year_built: Option<i32>,
    pub year_remodeled: Option<i32>,
    pub bedrooms: Option<i32>,
    pub full_baths: Option<i32>,
    pub half_baths: Option<i32>,
    pub basement_sf: Option<f64>,
    pub garage_cars: Option<i32>,
    /// 1–10.
    pub condition_score: Option<i32>,
    /// Storey style label such as `One_Story`, `Two_Story`.
    pub stories: Option<String>,
    pub fireplaces: Option<i32>,
    pub central_air: Option<bool>,
    pub porch_sf: Option<f64>,
    pub deck_sf: Option<f64>,
    pub pool_sf: Option<f64>,
    /// Hazard scores in [0, 1]; when absent they come from the tenant's hazard table.
    pub flood_score: Option<f64>,
    pub wildfire_score: Option<f64>,
    pub heat_score: Option<f64>,
    pub list_price: Option<f64>,
    pub owner_name: Option<String>,
    /// `individual`, `llc`, `corporation`, `partnership`, `trust`, `reit`, `fund`, `government`, `other`.
    pub owner_type: Option<String>,
    /// Share in percent, (0, 100].
    pub owner_share_pct: Option<f64>,
    pub purchase_price: Option<f64>,
    pub units_count: Option<i32>,
    pub building_area_sf: Option<f64>,
    pub name: Option<String>,
    /// Parking spaces that come with the property.
    pub parking_spaces: Option<i32>,
    /// Leases (JSONL `leases` array, or rows of a `--leases` CSV).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leases: Vec<ChildRow>,
    /// Unit types (JSONL `unit_mix` array, or rows of a `--unit-mix` CSV).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_mix: Vec<ChildRow>,
    /// Columns the format does not name, as text.
    pub extra: BTreeMap<String, String>,
}

/// One refused value. `row` is the 1-based data row (CSV: the header is not counted; JSONL: the line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub value: String,
    pub message: String,
}

/// A parsed row with its 1-based data row number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedRow {
    pub row: usize,
    pub data: PropertyRow,
}

/// Rows that parsed, and every problem with those that did not (a row with any error is left out).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedRows {
    pub rows: Vec<ParsedRow>,
    pub errors: Vec<RowError>,
}

/// A file that cannot be read as a whole.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("header: missing required column(s) {0:?}")]
    MissingColumns(Vec<String>),
    #[error("header: column {0:?} appears twice")]
    DuplicateColumn(String),
    #[error("file: {0}")]
    Csv(#[from] csv::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

impl PropertyRow {
    /// The named fields as JSON in `COLUMNS` order (`null` where absent); `extra` is left out.
    pub fn column_values(&self) -> [Value; COLUMNS.len()] {
        column_values(self)
    }

    /// The named fields as a field → JSON map, for gates and provenance; `extra` is left out.
    pub fn field_values(&self) -> Map<String, Value> {
        COLUMNS
            .iter()
            .map(|c| c.to_string())
            .zip(self.column_values())
            .collect()
    }
}

/// The named fields of a row as JSON, in `COLUMNS` order (`null` where absent).
fn column_values(r: &PropertyRow) -> [Value; COLUMNS.len()] {
    let s = |v: &Option<String>| Value::from(v.clone());
    [
        r.external_id.clone().into(),
        r.address.clone().into(),
        s(&r.unit),
        r.city.clone().into(),
        r.state.clone().into(),
        r.zip.clone().into(),
        r.latitude.into(),
        r.longitude.into(),
        r.property_type.clone().into(),
        s(&r.building_type),
        s(&r.neighborhood),
        r.living_area_sf.into(),
        r.lot_area_sf.into(),
        r.year_built.into(),
        r.year_remodeled.into(),
        r.bedrooms.into(),
        r.full_baths.into(),
        r.half_baths.into(),
        r.basement_sf.into(),
        r.garage_cars.into(),
        r.condition_score.into(),
        s(&r.stories),
        r.fireplaces.into(),
        r.central_air.into(),
        r.porch_sf.into(),
        r.deck_sf.into(),
        r.pool_sf.into(),
        r.flood_score.into(),
        r.wildfire_score.into(),
        r.heat_score.into(),
        r.list_price.into(),
        s(&r.owner_name),
        s(&r.owner_type),
        r.owner_share_pct.into(),
        r.purchase_price.into(),
        r.units_count.into(),
        r.building_area_sf.into(),
        s(&r.name),
        r.parking_spaces.into(),
    ]
}

/// One parsed lease or unit type: its row in the file it came from, the label its fields are
/// reported under (`leases[0]` in JSONL, `leases` for a companion CSV) and its typed values as
/// JSON (absent optional fields are `null`, defaults filled in).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildRow {
    pub row: usize,
    pub label: String,
    pub values: Map<String, Value>,
}

impl ChildRow {
    pub fn get_str(&self, field: &str) -> Option<&str> {
        self.values.get(field).and_then(Value::as_str)
    }
}
