//! Parsing a property import file (CSV or JSON Lines, see docs/pipeline.md) into typed rows; the
//! row types are in `row_types`, re-exported here.
use super::cells::{Cells, Raw};
use super::children::{ChildKind, from_json};
use super::row_types::ChildRow;
pub use super::row_types::{COLUMNS, FileError, ParsedRow, ParsedRows, PropertyRow, REQUIRED, RowError};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, Read};

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
mod tests;
