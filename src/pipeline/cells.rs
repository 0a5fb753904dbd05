//! Typed reading of one import row's cells (CSV text or JSON values), collecting every field error.
use super::row_types::{ParsedRow, PropertyRow, REQUIRED, RowError};
use serde_json::Value;
use std::collections::BTreeMap;

/// A cell as found in the file.
#[derive(Debug, Clone, Copy)]
pub(super) enum Raw<'a> {
    Text(&'a str),
    Json(&'a Value),
}

impl Raw<'_> {
    /// The cell as reports show and store it (`domain::text::shown`: control characters escaped,
    /// a long value cut).
    pub(super) fn shown(&self) -> String {
        match self {
            Raw::Text(t) => crate::domain::text::shown(t),
            Raw::Json(Value::String(s)) => crate::domain::text::shown(s),
            Raw::Json(v) => crate::domain::text::shown(&v.to_string()),
        }
    }

    /// Trimmed text; `None` for an empty cell or JSON `null`. JSON numbers read as their digits.
    pub(super) fn text(&self) -> Result<Option<String>, &'static str> {
        let t = match self {
            Raw::Text(t) => t.trim().to_string(),
            Raw::Json(Value::Null) => return Ok(None),
            Raw::Json(Value::String(s)) => s.trim().to_string(),
            Raw::Json(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
            Raw::Json(_) => return Err("expected text, found a JSON array or object"),
        };
        Ok((!t.is_empty()).then_some(t))
    }

    pub(super) fn number(&self) -> Result<Option<f64>, &'static str> {
        let x = match self {
            Raw::Json(Value::Number(n)) => n.as_f64(),
            Raw::Json(Value::Bool(_)) => return Err("expected a number, found true/false"),
            _ => match self.text()? {
                None => return Ok(None),
                Some(t) => t.parse::<f64>().ok(),
            },
        };
        match x {
            Some(x) if x.is_finite() => Ok(Some(x)),
            _ => Err("not a number"),
        }
    }

    pub(super) fn whole(&self) -> Result<Option<i32>, &'static str> {
        match self.number()? {
            None => Ok(None),
            Some(x) if x.fract() != 0.0 => Err("not a whole number"),
            Some(x) if x < f64::from(i32::MIN) || x > f64::from(i32::MAX) => Err("out of the 32-bit integer range"),
            // Checked above to be a whole number inside the i32 range, so the cast is exact.
            Some(x) => Ok(Some(x as i32)),
        }
    }

    pub(super) fn flag(&self) -> Result<Option<bool>, &'static str> {
        match self {
            Raw::Json(Value::Bool(b)) => return Ok(Some(*b)),
            Raw::Json(Value::Number(n)) if n.as_f64() == Some(1.0) => return Ok(Some(true)),
            Raw::Json(Value::Number(n)) if n.as_f64() == Some(0.0) => return Ok(Some(false)),
            _ => {}
        }
        match self.text()?.map(|t| t.to_lowercase()).as_deref() {
            None => Ok(None),
            Some("1" | "true" | "t" | "yes" | "y") => Ok(Some(true)),
            Some("0" | "false" | "f" | "no" | "n") => Ok(Some(false)),
            Some(_) => Err("expected true/false, yes/no, y/n or 1/0"),
        }
    }
}

/// Reads one row's cells by column name, remembering each field that does not parse.
pub(super) struct Cells<'g, 'a> {
    row: usize,
    get: &'g dyn Fn(&str) -> Option<Raw<'a>>,
    errors: Vec<RowError>,
}

impl<'g, 'a> Cells<'g, 'a> {
    pub(super) fn new(row: usize, get: &'g dyn Fn(&str) -> Option<Raw<'a>>) -> Self {
        Cells {
            row,
            get,
            errors: Vec::new(),
        }
    }

    fn read<T>(&mut self, field: &str, f: impl Fn(&Raw<'a>) -> Result<Option<T>, &'static str>) -> Option<T> {
        let raw = (self.get)(field)?;
        f(&raw).unwrap_or_else(|message| {
            let (row, value) = (self.row, raw.shown());
            self.errors.push(RowError {
                row,
                field: field.into(),
                value,
                message: message.into(),
            });
            None
        })
    }

    fn text(&mut self, f: &str) -> Option<String> {
        self.read(f, Raw::text)
    }
    fn num(&mut self, f: &str) -> Option<f64> {
        self.read(f, Raw::number)
    }
    fn int(&mut self, f: &str) -> Option<i32> {
        self.read(f, Raw::whole)
    }

    /// Required text: an absent or empty cell is an error.
    fn req(&mut self, f: &str) -> String {
        let before = self.errors.len();
        let v = self.text(f);
        if v.is_none() && self.errors.len() == before {
            let row = self.row;
            self.errors.push(RowError {
                row,
                field: f.into(),
                value: String::new(),
                message: "required".into(),
            });
        }
        v.unwrap_or_default()
    }

    pub(super) fn build(mut self, extra: BTreeMap<String, String>) -> Result<ParsedRow, Vec<RowError>> {
        let [id, address, city, state, zip, kind] = REQUIRED.map(|f| self.req(f));
        let data = PropertyRow {
            external_id: id,
            address,
            unit: self.text("unit"),
            city,
            state,
            zip,
            latitude: self.num("latitude"),
            longitude: self.num("longitude"),
            property_type: kind,
            building_type: self.text("building_type"),
            neighborhood: self.text("neighborhood"),
            living_area_sf: self.num("living_area_sf"),
            lot_area_sf: self.num("lot_area_sf"),
            year_built: self.int("year_built"),
            year_remodeled: self.int("year_remodeled"),
            bedrooms: self.int("bedrooms"),
            full_baths: self.int("full_baths"),
            half_baths: self.int("half_baths"),
            basement_sf: self.num("basement_sf"),
            garage_cars: self.int("garage_cars"),
            condition_score: self.int("condition_score"),
            stories: self.text("stories"),
            fireplaces: self.int("fireplaces"),
            central_air: self.read("central_air", Raw::flag),
            porch_sf: self.num("porch_sf"),
            deck_sf: self.num("deck_sf"),
            pool_sf: self.num("pool_sf"),
            flood_score: self.num("flood_score"),
            wildfire_score: self.num("wildfire_score"),
            heat_score: self.num("heat_score"),
            list_price: self.num("list_price"),
            owner_name: self.text("owner_name"),
            owner_type: self.text("owner_type"),
            owner_share_pct: self.num("owner_share_pct"),
            purchase_price: self.num("purchase_price"),
            units_count: self.int("units_count"),
            building_area_sf: self.num("building_area_sf"),
            name: self.text("name"),
            parking_spaces: self.int("parking_spaces"),
            leases: Vec::new(),
            unit_mix: Vec::new(),
            extra,
        };
        if self.errors.is_empty() {
            Ok(ParsedRow { row: self.row, data })
        } else {
            Err(self.errors)
        }
    }
}
