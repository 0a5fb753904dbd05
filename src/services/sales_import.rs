//! Sales import: the data-quality gate over a canonical sales CSV (pure; row parsing is
//! `analytics::comps::csv`), and the use case that writes a file that passed it — all rows or none.
use crate::analytics::comps::csv::{CANONICAL_COLUMNS, CanonicalFile, CanonicalRow, CsvError, read_canonical_csv};
use crate::analytics::comps::{CompError, Sale, Subject};
use crate::domain::text;
use crate::persistence::TenantTx;
use crate::persistence::repositories::sales::{self, SaleRecord, UpsertCounts};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;

/// One refused value. `row` is the 1-based data row (the header is not counted); `None` for a
/// problem with the file as a whole, such as a missing column. `value` and `sale_id` are shown as
/// `domain::text::shown` shows them (control characters escaped, a long value cut).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub row: Option<usize>,
    pub sale_id: Option<String>,
    pub field: String,
    pub value: String,
    pub rule: String,
}

/// Everything wrong with a file; a file with any violation writes nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateReport {
    pub rows: usize,
    pub violations: Vec<Violation>,
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} data-quality problem(s) in {} row(s); nothing was imported", .0.violations.len(), .0.rows)]
    Rejected(GateReport),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
}

/// What an accepted import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// The import file's column for a field name the engine reports.
fn column_of(engine_field: &str) -> &str {
    match engine_field {
        "lat" => "latitude",
        "lon" => "longitude",
        f => f.strip_prefix("attrs.").unwrap_or(f),
    }
}

/// Checks every row of `reader`: the text rule of `domain::text` on every cell and column name,
/// the parser's rules (required fields, types, price and area > 0, coordinates, dates), the
/// engine's subject rules (condition 1–10, areas, plausible years), nothing dated or built after
/// `today`, counts that fit the database, and unique sale ids.
pub fn check<R: Read>(reader: R, today: NaiveDate) -> Result<Vec<SaleRecord>, GateReport> {
    let file = read_canonical_csv(reader).map_err(|e| GateReport {
        rows: 0,
        violations: vec![file_violation(&e)],
    })?;
    let mut violations = header_violations(&file.headers);
    let mut records = Vec::with_capacity(file.rows.len());
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for row in &file.rows {
        let sale = match &row.sale {
            Ok(s) => s,
            Err(e) => {
                violations.push(row_violation(&file, row.row, e));
                continue;
            }
        };
        let before = violations.len();
        let mut refuse = |field: &str, value: String, rule: String| {
            violations.push(Violation {
                row: Some(row.row),
                sale_id: Some(text::shown(&sale.id)),
                field: field.to_owned(),
                value: text::shown(&value),
                rule,
            })
        };
        if let Some(first) = first_row.get(&sale.id) {
            refuse(
                "sale_id",
                sale.id.clone(),
                format!("duplicate sale id (first in row {first})"),
            );
        } else {
            first_row.insert(sale.id.clone(), row.row);
        }
        for (field, reason) in later_checks(sale, today) {
            let value = row.cell(&file.headers, &field).unwrap_or_default().to_owned();
            refuse(&field, value, reason);
        }
        // The free-form columns are kept as text with the sale: the text rule, with room for notes.
        for (h, v) in free_form(&file, row) {
            if let Some(reason) = text::violation(v, text::LONG_TEXT) {
                refuse(&text::shown(h), v.to_owned(), reason);
            }
        }
        if violations.len() == before {
            records.push(record(&file, row, sale.clone()));
        }
    }
    if violations.is_empty() {
        Ok(records)
    } else {
        Err(GateReport {
            rows: file.rows.len(),
            violations,
        })
    }
}

/// Rules beyond the parser's, as (column, reason).
fn later_checks(sale: &Sale, today: NaiveDate) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if sale.sale_date > today {
        out.push(("sale_date".into(), format!("must not be after today ({today})")));
    }
    if let Err(CompError::InvalidSubject { field, reason }) = Subject::from(sale).validate(sale.sale_date) {
        out.push((column_of(&field).to_owned(), reason));
    }
    let a = &sale.attrs;
    if a.year_built > today.year() {
        out.push(("year_built".into(), format!("must not be after {}", today.year())));
    }
    if a.year_remodeled.is_some_and(|y| y > today.year()) {
        out.push(("year_remodeled".into(), format!("must not be after {}", today.year())));
    }
    let counts = [
        ("bedrooms", a.bedrooms),
        ("full_baths", a.full_baths),
        ("half_baths", a.half_baths),
        ("garage_cars", a.garage_cars),
        ("condition_score", a.condition_score),
        ("fireplaces", a.fireplaces),
    ];
    for (field, v) in counts {
        if v.is_some_and(|x| i32::try_from(x).is_err()) {
            out.push((field.into(), format!("must be at most {}", i32::MAX)));
        }
    }
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The cells of the columns the format does not name (header, trimmed value): free-form attributes.
fn free_form<'a>(file: &'a CanonicalFile, row: &'a CanonicalRow) -> impl Iterator<Item = (&'a str, &'a str)> {
    file.headers
        .iter()
        .zip(row.record.iter())
        .filter(|(h, _)| !CANONICAL_COLUMNS.contains(&h.as_str()))
        .map(|(h, v)| (h.as_str(), v.trim()))
}

/// Column names the text rule refuses (too long, control characters), as problems of the header.
fn header_violations(headers: &[String]) -> Vec<Violation> {
    headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let rule = text::violation(h, text::DEFAULT)?;
            Some(Violation {
                row: None,
                sale_id: None,
                field: format!("column {}", i + 1),
                value: text::shown(h),
                rule,
            })
        })
        .collect()
}

fn record(file: &CanonicalFile, row: &CanonicalRow, sale: Sale) -> SaleRecord {
    let text = |c: &str| row.cell(&file.headers, c).filter(|v| !v.is_empty()).map(str::to_owned);
    let attributes = free_form(file, row)
        .map(|(h, v)| (h.to_owned(), serde_json::Value::String(v.to_owned())))
        .collect();
    SaleRecord {
        sale,
        city: text("city"),
        state: text("state"),
        attributes,
    }
}

fn file_violation(e: &CsvError) -> Violation {
    let (field, rule) = match e {
        CsvError::MissingColumn(c) => ((*c).to_owned(), "required column is missing".to_owned()),
        other => ("header".to_owned(), other.to_string()),
    };
    Violation {
        row: None,
        sale_id: None,
        field,
        value: String::new(),
        rule,
    }
}

fn row_violation(file: &CanonicalFile, row: usize, e: &CsvError) -> Violation {
    let cell = |c: &str| {
        file.rows
            .get(row - 1)
            .and_then(|r| r.cell(&file.headers, c))
            .unwrap_or_default()
            .to_owned()
    };
    let sale_id = Some(text::shown(&cell("sale_id"))).filter(|s| !s.is_empty());
    match e {
        CsvError::Field { field, reason, .. } => Violation {
            row: Some(row),
            sale_id,
            field: (*field).to_owned(),
            value: text::shown(&cell(field)),
            rule: reason.clone(),
        },
        other => Violation {
            row: Some(row),
            sale_id,
            field: "row".to_owned(),
            value: String::new(),
            rule: other.to_string(),
        },
    }
}

/// [`import_csv`] for a user: the import is recorded in the audit log with its counts.
pub async fn import_recorded<R: Read>(
    c: &crate::services::caller::Caller<'_>,
    reader: R,
    today: NaiveDate,
) -> Result<ImportSummary, ImportError> {
    let summary = import_csv(c.tx, reader, today, &|_, _| {}).await?;
    let entry = crate::persistence::repositories::records::Audit {
        actor: c.actor,
        action: "import",
        entity: "sales",
        entity_id: None,
        details: serde_json::to_value(summary).unwrap_or_default(),
        request_id: c.request_id,
    };
    crate::persistence::repositories::records::audit(c.tx, entry).await?;
    Ok(summary)
}

/// Checks the whole file, then writes it through the caller's transaction (the caller commits).
/// `progress(done, total)` follows the batched writes.
#[tracing::instrument(skip_all, fields(tenant = %tx.tenant()))]
pub async fn import_csv<R: Read>(
    tx: &TenantTx,
    reader: R,
    today: NaiveDate,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<ImportSummary, ImportError> {
    let records = check(reader, today).map_err(ImportError::Rejected)?;
    let total = records.len() as u64;
    let UpsertCounts {
        inserted,
        updated,
        unchanged,
    } = sales::upsert(tx, &records, &|done| progress(done, total)).await?;
    tracing::info!(total, inserted, updated, unchanged, "sales imported");
    Ok(ImportSummary {
        rows: total,
        inserted,
        updated,
        unchanged,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
