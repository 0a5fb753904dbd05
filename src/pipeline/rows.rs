//! The property import row (CSV or JSON Lines, see docs/pipeline.md) and its typed parse.
use super::cells::{Cells, Raw};
use super::children::{ChildKind, ChildRow, from_json};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Read};

/// Columns that must be present in a CSV header (JSONL: keys that must be present and non-empty).
pub const REQUIRED: [&str; 6] = ["external_id", "address", "city", "state", "zip", "property_type"];

/// Every column the format names, in file order; other columns are kept in `PropertyRow::extra`.
pub const COLUMNS: [&str; 38] = [
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
    pub fn column_values(&self) -> [Value; 38] {
        super::cells::column_values(self)
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

/// Reads a property CSV with a header row; column names are matched trimmed and lower-cased.
pub fn parse_csv<R: Read>(reader: R) -> Result<ParsedRows, FileError> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(reader);
    let header: Vec<String> = rdr.headers()?.iter().map(|h| h.to_lowercase()).collect();
    let mut index = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if index.insert(h.as_str(), i).is_some() {
            return Err(FileError::DuplicateColumn(h.clone()));
        }
    }
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| !index.contains_key(*c))
        .map(|c| c.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingColumns(missing));
    }
    let mut out = ParsedRows::default();
    for (n, record) in rdr.records().enumerate() {
        let row = n + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) if e.is_io_error() => return Err(e.into()),
            Err(e) => {
                out.errors.push(RowError {
                    row,
                    field: "record".into(),
                    value: String::new(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let get = |name: &str| index.get(name).and_then(|&i| record.get(i)).map(Raw::Text);
        let extra = header
            .iter()
            .zip(record.iter())
            .filter(|(h, v)| !COLUMNS.contains(&h.as_str()) && !v.is_empty());
        let extra = extra.map(|(h, v)| (h.clone(), v.to_string())).collect();
        push(&mut out, Cells::new(row, &get).build(extra));
    }
    Ok(out)
}

/// Reads JSON Lines: one object per line; blank lines are skipped but still counted.
pub fn parse_jsonl<R: BufRead>(reader: R) -> Result<ParsedRows, FileError> {
    let mut out = ParsedRows::default();
    for (n, line) in reader.lines().enumerate() {
        let (row, line) = (n + 1, line?);
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                bad_record(&mut out, row, &line, "not a JSON object".into());
                continue;
            }
            Err(e) => {
                bad_record(&mut out, row, &line, e.to_string());
                continue;
            }
        };
        let lower: HashMap<String, &Value> = object.iter().map(|(k, v)| (k.trim().to_lowercase(), v)).collect();
        let get = |name: &str| lower.get(name).map(|v| Raw::Json(v));
        let kids = [ChildKind::Lease, ChildKind::UnitMix];
        let extra = lower
            .iter()
            .filter(|(k, v)| !COLUMNS.contains(&k.as_str()) && !kids.iter().any(|c| c.key() == *k) && !v.is_null());
        let extra = extra
            .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
            .collect();
        let parsed = Cells::new(row, &get).build(extra);
        let id = parsed.as_ref().ok().map(|p| p.data.external_id.clone());
        let children = kids.map(|k| from_json(k, row, id.as_deref(), lower.get(k.key()).copied()));
        push(&mut out, with_children(parsed, children));
    }
    Ok(out)
}

/// Records an unreadable JSONL line (its first 80 characters, as `domain::text::shown` shows
/// them) as a whole-record error.
fn bad_record(out: &mut ParsedRows, row: usize, line: &str, message: String) {
    let value = crate::domain::text::shown(&line.chars().take(80).collect::<String>());
    out.errors.push(RowError {
        row,
        field: "record".into(),
        value,
        message,
    });
}

/// A row with its JSONL children; any error of the row or of a child refuses the whole row.
fn with_children(
    parsed: Result<ParsedRow, Vec<RowError>>,
    [leases, units]: [Result<Vec<ChildRow>, Vec<RowError>>; 2],
) -> Result<ParsedRow, Vec<RowError>> {
    match (parsed, leases, units) {
        (Ok(mut p), Ok(l), Ok(u)) => {
            p.data.leases = l;
            p.data.unit_mix = u;
            Ok(p)
        }
        (p, l, u) => Err([p.err(), l.err(), u.err()].into_iter().flatten().flatten().collect()),
    }
}

fn push(out: &mut ParsedRows, result: Result<ParsedRow, Vec<RowError>>) {
    match result {
        Ok(r) => out.rows.push(r),
        Err(e) => out.errors.extend(e),
    }
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
