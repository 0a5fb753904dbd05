//! Parser for the canonical sales CSV format (see docs/avm.md); refuses impossible values, and
//! text the database would refuse (`domain::text`), with the row number and field name. Pure:
//! reads from any `Read`.

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;

use super::sale::{Attributes, Sale};
use crate::domain::text;

/// A row that could not be turned into a sale. `row` is 1-based over data rows.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CsvError {
    #[error("missing column `{0}`")]
    MissingColumn(&'static str),
    #[error("row {row}, field `{field}`: {reason}")]
    Field {
        row: usize,
        field: &'static str,
        reason: String,
    },
    #[error("row {row}: {reason}")]
    Row { row: usize, reason: String },
}

struct Row<'a> {
    rec: &'a ::csv::StringRecord,
    cols: &'a HashMap<String, usize>,
    row: usize,
}

impl Row<'_> {
    fn raw(&self, field: &'static str) -> Option<&str> {
        let v = self.cols.get(field).and_then(|&i| self.rec.get(i))?.trim();
        if v.is_empty() || v.eq_ignore_ascii_case("na") {
            None
        } else {
            Some(v)
        }
    }
    fn err(&self, field: &'static str, reason: &str) -> CsvError {
        CsvError::Field {
            row: self.row,
            field,
            reason: reason.to_string(),
        }
    }
    fn text(&self, field: &'static str) -> Option<String> {
        self.raw(field).map(str::to_string)
    }
    fn required(&self, field: &'static str) -> Result<&str, CsvError> {
        self.raw(field).ok_or_else(|| self.err(field, "is empty"))
    }
    fn num(&self, field: &'static str) -> Result<Option<f64>, CsvError> {
        match self.raw(field) {
            None => Ok(None),
            Some(v) => match v.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
                Ok(_) => Err(self.err(field, "must be a finite number ≥ 0")),
                Err(_) => Err(self.err(field, &format!("`{v}` is not a number"))),
            },
        }
    }
    fn count(&self, field: &'static str) -> Result<Option<u32>, CsvError> {
        match self.num(field)? {
            Some(x) if x.fract() == 0.0 && x <= f64::from(u32::MAX) => Ok(Some(x as u32)),
            Some(_) => Err(self.err(field, "must be a whole number")),
            None => Ok(None),
        }
    }
    fn year(&self, field: &'static str) -> Result<Option<i32>, CsvError> {
        match self.count(field)? {
            Some(y) if (1600..=2200).contains(&y) => Ok(Some(y as i32)),
            Some(_) => Err(self.err(field, "must be a year between 1600 and 2200")),
            None => Ok(None),
        }
    }
    fn coord(&self, field: &'static str, limit: f64) -> Result<f64, CsvError> {
        let v = self.required(field)?;
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && x.abs() <= limit => Ok(x),
            _ => Err(self.err(field, &format!("must be a number within ±{limit}"))),
        }
    }
}

const REQUIRED: [&str; 8] = [
    "sale_id",
    "sale_date",
    "sale_price",
    "sale_condition",
    "latitude",
    "longitude",
    "property_type",
    "living_area_sf",
];

/// Every column of the canonical format (docs/avm.md) plus the optional `hazard` score; an
/// importer keeps any other column as a free-form attribute.
pub const CANONICAL_COLUMNS: [&str; 30] = [
    "sale_id",
    "sale_date",
    "sale_price",
    "sale_condition",
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
    "exterior_condition",
    "heating_quality",
    "porch_sf",
    "deck_sf",
    "pool_sf",
    "hazard",
];

/// One data row as read: its 1-based number, the raw cells and the sale or the row's first problem.
#[derive(Debug, Clone)]
pub struct CanonicalRow {
    pub row: usize,
    pub record: ::csv::StringRecord,
    pub sale: Result<Sale, CsvError>,
}

impl CanonicalRow {
    /// The trimmed raw cell of `column` (lower-case header name), if the file has it.
    pub fn cell<'a>(&'a self, headers: &[String], column: &str) -> Option<&'a str> {
        let i = headers.iter().position(|h| h == column)?;
        self.record.get(i).map(str::trim)
    }
}

/// A whole file, each row parsed on its own so a caller can report every bad row at once.
#[derive(Debug, Clone)]
pub struct CanonicalFile {
    /// Lower-cased header names in file order.
    pub headers: Vec<String>,
    pub rows: Vec<CanonicalRow>,
}

/// Reads the header and parses every row; only a missing column or an unreadable header fails
/// the whole file.
pub fn read_canonical_csv<R: Read>(reader: R) -> Result<CanonicalFile, CsvError> {
    let mut rdr = ::csv::ReaderBuilder::new().trim(::csv::Trim::All).from_reader(reader);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| CsvError::Row {
            row: 0,
            reason: e.to_string(),
        })?
        .iter()
        .map(str::to_ascii_lowercase)
        .collect();
    let cols: HashMap<String, usize> = headers.iter().enumerate().map(|(i, h)| (h.clone(), i)).collect();
    for c in REQUIRED.iter().chain(["year_built"].iter()) {
        if !cols.contains_key(*c) {
            return Err(CsvError::MissingColumn(c));
        }
    }
    let rows = rdr
        .records()
        .enumerate()
        .map(|(i, rec)| match rec {
            Ok(record) => {
                let sale = parse_row(&Row {
                    rec: &record,
                    cols: &cols,
                    row: i + 1,
                });
                CanonicalRow {
                    row: i + 1,
                    record,
                    sale,
                }
            }
            Err(e) => CanonicalRow {
                row: i + 1,
                record: ::csv::StringRecord::new(),
                sale: Err(CsvError::Row {
                    row: i + 1,
                    reason: e.to_string(),
                }),
            },
        })
        .collect();
    Ok(CanonicalFile { headers, rows })
}

/// Parses every row, or returns the first problem found.
pub fn parse_canonical_csv<R: Read>(reader: R) -> Result<Vec<Sale>, CsvError> {
    read_canonical_csv(reader)?.rows.into_iter().map(|r| r.sale).collect()
}

fn parse_row(r: &Row<'_>) -> Result<Sale, CsvError> {
    // Every cell is text first (`domain::text`: at most 300 characters, no control characters):
    // a value the database would refuse is named before anything is parsed from it.
    for field in CANONICAL_COLUMNS {
        if let Some(reason) = r.raw(field).and_then(|v| text::violation(v, text::DEFAULT)) {
            return Err(r.err(field, &reason));
        }
    }
    let date = r.required("sale_date")?;
    let sale_date =
        NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| r.err("sale_date", "is not a YYYY-MM-DD date"))?;
    let price = r.num("sale_price")?.ok_or_else(|| r.err("sale_price", "is empty"))?;
    if price <= 0.0 {
        return Err(r.err("sale_price", "must be > 0"));
    }
    let living = r
        .num("living_area_sf")?
        .ok_or_else(|| r.err("living_area_sf", "is empty"))?;
    if living <= 0.0 {
        return Err(r.err("living_area_sf", "must be > 0"));
    }
    let hazard = r.num("hazard")?;
    if hazard.is_some_and(|h| h > 1.0) {
        return Err(r.err("hazard", "must lie within 0–1"));
    }
    let attrs = Attributes {
        living_area_sf: living,
        lot_area_sf: r.num("lot_area_sf")?,
        year_built: r.year("year_built")?.ok_or_else(|| r.err("year_built", "is empty"))?,
        year_remodeled: r.year("year_remodeled")?,
        bedrooms: r.count("bedrooms")?,
        full_baths: r.count("full_baths")?,
        half_baths: r.count("half_baths")?,
        basement_sf: r.num("basement_sf")?,
        garage_cars: r.count("garage_cars")?,
        condition_score: r.count("condition_score")?,
        fireplaces: r.count("fireplaces")?,
        central_air: r.count("central_air")?.map(|c| c > 0),
        porch_sf: r.num("porch_sf")?,
        deck_sf: r.num("deck_sf")?,
        pool_sf: r.num("pool_sf")?,
        stories: r.text("stories"),
        exterior_condition: r.text("exterior_condition"),
        heating_quality: r.text("heating_quality"),
        building_type: r.text("building_type"),
    };
    Ok(Sale {
        id: r.required("sale_id")?.to_string(),
        sale_date,
        price,
        condition: r.required("sale_condition")?.to_ascii_lowercase(),
        lat: r.coord("latitude", 90.0)?,
        lon: r.coord("longitude", 180.0)?,
        property_type: r.required("property_type")?.to_string(),
        neighborhood: r.text("neighborhood"),
        attrs,
        hazard,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
