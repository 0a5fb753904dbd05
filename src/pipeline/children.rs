//! Leases and unit mix in the import: typed parsing of a child record (a JSONL property's
//! `leases` / `unit_mix` arrays, or a row of a companion CSV linked by `property_external_id`),
//! the cross-field rules a gate cannot express, and attaching companion rows to their properties.
use super::cells::Raw;
pub use super::row_types::ChildRow;
use super::row_types::{ParsedRows, RowError};
use crate::domain::month;
use crate::domain::text::shown;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::io::Read;

/// Which child table a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ChildKind {
    Lease,
    UnitMix,
}

/// Columns of a lease record (months `YYYY-MM`; rents per square foot per year).
pub const LEASE_COLUMNS: [&str; 14] = [
    "property_external_id",
    "suite",
    "tenant_name",
    "vacant",
    "area_sf",
    "start_month",
    "end_month",
    "rent_psf",
    "escalation_pct",
    "free_rent_months",
    "recovery",
    "expense_stop_psf",
    "renewal_probability",
    "mla",
];

/// Columns of a unit-mix record (monthly rents per unit).
pub const UNIT_MIX_COLUMNS: [&str; 6] = [
    "property_external_id",
    "unit_type",
    "units",
    "avg_area_sf",
    "current_rent",
    "market_rent",
];

/// The leasing profile a lease without `mla` refers to.
pub const DEFAULT_MLA: &str = "default";

impl ChildKind {
    /// The JSONL key and the prefix of reported field names.
    pub fn key(self) -> &'static str {
        match self {
            ChildKind::Lease => "leases",
            ChildKind::UnitMix => "unit_mix",
        }
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ChildKind::Lease => &LEASE_COLUMNS,
            ChildKind::UnitMix => &UNIT_MIX_COLUMNS,
        }
    }
}

/// Parses one child record; every refused value is reported as `{label}.{field}`.
pub(super) fn parse_child<'a>(
    kind: ChildKind,
    row: usize,
    label: &str,
    get: &dyn Fn(&str) -> Option<Raw<'a>>,
) -> Result<ChildRow, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut values = Map::new();
    for &field in kind.columns() {
        let Some(raw) = get(field) else {
            values.insert(field.into(), Value::Null);
            continue;
        };
        let parsed = match (kind, field) {
            (ChildKind::Lease, "vacant") => raw.flag().map(|v| v.map(Value::from)),
            (ChildKind::Lease, "free_rent_months") | (ChildKind::UnitMix, "units") => {
                raw.whole().map(|v| v.map(Value::from))
            }
            (ChildKind::Lease, "start_month" | "end_month") => match raw.text() {
                Ok(Some(t)) => month::parse(t.get(..7).unwrap_or(&t))
                    .filter(|_| t.len() == 7 || t.len() == 10)
                    .map(|d| Some(json!(d.format("%Y-%m-%d").to_string())))
                    .ok_or("must be a month, YYYY-MM"),
                Ok(None) => Ok(None),
                Err(e) => Err(e),
            },
            (ChildKind::Lease, "recovery") => raw.text().map(|v| v.map(|t| json!(t.to_lowercase()))),
            (
                ChildKind::Lease,
                "area_sf" | "rent_psf" | "escalation_pct" | "expense_stop_psf" | "renewal_probability",
            )
            | (ChildKind::UnitMix, "avg_area_sf" | "current_rent" | "market_rent") => {
                raw.number().map(|v| v.map(Value::from))
            }
            _ => raw.text().map(|v| v.map(Value::from)),
        };
        match parsed {
            Ok(v) => {
                values.insert(field.into(), v.unwrap_or(Value::Null));
            }
            Err(message) => errors.push(RowError {
                row,
                field: format!("{label}.{field}"),
                value: raw.shown(),
                message: message.into(),
            }),
        }
    }
    if errors.is_empty() {
        defaults(kind, &mut values);
        errors = rules(kind, row, label, &values);
    }
    if errors.is_empty() {
        Ok(ChildRow {
            row,
            label: label.to_owned(),
            values,
        })
    } else {
        Err(errors)
    }
}

fn defaults(kind: ChildKind, v: &mut Map<String, Value>) {
    let mut fill = |f: &str, d: Value| {
        if v.get(f).is_none_or(Value::is_null) {
            v.insert(f.into(), d);
        }
    };
    if kind == ChildKind::Lease {
        fill("vacant", json!(false));
        fill("escalation_pct", json!(0.0));
        fill("free_rent_months", json!(0));
        fill("recovery", json!("gross"));
        fill("mla", json!(DEFAULT_MLA));
    }
}

/// What the lease and unit-mix mutations require besides the gates' ranges: an occupied lease
/// names its tenant, term and rent; a base-year lease its expense stop; a unit type its counts and rents.
fn rules(kind: ChildKind, row: usize, label: &str, v: &Map<String, Value>) -> Vec<RowError> {
    let missing = |f: &str| v.get(f).is_none_or(Value::is_null);
    let required: Vec<&str> = match kind {
        ChildKind::Lease => {
            let mut r = vec!["area_sf"];
            if v.get("vacant") != Some(&json!(true)) {
                r.extend(["tenant_name", "start_month", "end_month", "rent_psf"]);
                if v.get("recovery") == Some(&json!("base_year")) {
                    r.push("expense_stop_psf");
                }
            }
            r
        }
        ChildKind::UnitMix => vec!["unit_type", "units", "current_rent", "market_rent"],
    };
    required
        .into_iter()
        .filter(|f| missing(f))
        .map(|f| RowError {
            row,
            field: format!("{label}.{f}"),
            value: String::new(),
            message: match kind {
                ChildKind::Lease if f != "area_sf" => "required for an occupied lease".into(),
                _ => "required".into(),
            },
        })
        .collect()
}

/// A JSONL property's `leases` / `unit_mix` array; `external_id` links each record to it.
pub(super) fn from_json(
    kind: ChildKind,
    row: usize,
    external_id: Option<&str>,
    value: Option<&Value>,
) -> Result<Vec<ChildRow>, Vec<RowError>> {
    let key = kind.key();
    let items = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(vec![RowError {
                row,
                field: key.into(),
                value: shown(&other.to_string().chars().take(80).collect::<String>()),
                message: "expected an array of objects".into(),
            }]);
        }
    };
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    for (i, item) in items.iter().enumerate() {
        let label = format!("{key}[{i}]");
        let Value::Object(obj) = item else {
            errors.push(RowError {
                row,
                field: label,
                value: shown(&item.to_string().chars().take(80).collect::<String>()),
                message: "expected an object".into(),
            });
            continue;
        };
        let lower: HashMap<String, &Value> = obj.iter().map(|(k, v)| (k.trim().to_lowercase(), v)).collect();
        let get = |name: &str| lower.get(name).map(|v| Raw::Json(v));
        match parse_child(kind, row, &label, &get) {
            Ok(mut c) => {
                if let Some(id) = external_id {
                    c.values.insert("property_external_id".into(), json!(id));
                }
                out.push(c);
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Child records of a companion CSV (`--leases`, `--unit-mix`) and the rows that did not parse.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedChildren {
    pub rows: Vec<ChildRow>,
    pub errors: Vec<RowError>,
    /// `(property_external_id, row)` of each record that did not parse.
    pub refused: Vec<(String, usize)>,
}

/// Reads a companion CSV; `property_external_id` is required in the header.
pub fn parse_children_csv<R: Read>(kind: ChildKind, reader: R) -> Result<ParsedChildren, super::FileError> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(reader);
    let header: Vec<String> = rdr.headers()?.iter().map(|h| h.to_lowercase()).collect();
    let mut index = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if index.insert(h.as_str(), i).is_some() {
            return Err(super::FileError::DuplicateColumn(h.clone()));
        }
    }
    if !index.contains_key("property_external_id") {
        return Err(super::FileError::MissingColumns(vec!["property_external_id".into()]));
    }
    let mut out = ParsedChildren::default();
    for (n, record) in rdr.records().enumerate() {
        let row = n + 1;
        let record = record?;
        let get = |name: &str| index.get(name).and_then(|&i| record.get(i)).map(Raw::Text);
        match parse_child(kind, row, kind.key(), &get) {
            Ok(c) => out.rows.push(c),
            Err(e) => {
                let id = get("property_external_id").and_then(|r| r.text().ok().flatten());
                out.refused.push((id.unwrap_or_default(), row));
                out.errors.extend(e);
            }
        }
    }
    Ok(out)
}

/// Attaches companion rows to the parsed properties by `property_external_id`. A child whose
/// property is not in the file (or was refused) is reported; a property with a child that did not
/// parse is left out, so no property is imported without the children it was sent with.
pub fn attach(parsed: &mut ParsedRows, kind: ChildKind, children: ParsedChildren) {
    let key = kind.key();
    parsed.errors.extend(children.errors);
    let refused: HashMap<&str, usize> = children.refused.iter().map(|(id, row)| (id.as_str(), *row)).collect();
    let mut kept = Vec::with_capacity(parsed.rows.len());
    for r in std::mem::take(&mut parsed.rows) {
        match refused.get(r.data.external_id.as_str()) {
            Some(child_row) => parsed.errors.push(RowError {
                row: r.row,
                field: key.into(),
                value: shown(&r.data.external_id),
                message: format!("its record in row {child_row} of the {key} file was refused"),
            }),
            None => kept.push(r),
        }
    }
    parsed.rows = kept;
    let by_id: HashMap<String, usize> = parsed
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.data.external_id.clone(), i))
        .collect();
    for c in children.rows {
        let id = c.get_str("property_external_id").unwrap_or_default().to_owned();
        match by_id.get(&id) {
            Some(&i) => match kind {
                ChildKind::Lease => parsed.rows[i].data.leases.push(c),
                ChildKind::UnitMix => parsed.rows[i].data.unit_mix.push(c),
            },
            None => parsed.errors.push(RowError {
                row: c.row,
                field: format!("{key}.property_external_id"),
                value: shown(&id),
                message: "no property of this import has this external_id".into(),
            }),
        }
    }
}

/// The lease and unit-mix expectations of `config` over every child of `rows`, each child on
/// its own (field names prefixed with its label, rows those of the file the child came from).
pub fn evaluate_children(
    rows: &[super::ParsedRow],
    config: &super::GateConfig,
    today: chrono::NaiveDate,
) -> Result<super::GateReport, super::GateError> {
    let mut out = super::GateReport::default();
    for r in rows {
        for (entity, kids) in [
            (super::Entity::Lease, &r.data.leases),
            (super::Entity::UnitMix, &r.data.unit_mix),
        ] {
            for c in kids {
                let one = super::evaluate(entity, &[(c.row, &c.values)], config, today)?;
                out.rows += 1;
                out.blocking |= one.blocking;
                out.failures.extend(one.failures.into_iter().map(|mut f| {
                    f.field = format!("{}.{}", c.label, f.field);
                    f
                }));
            }
        }
    }
    Ok(out)
}
