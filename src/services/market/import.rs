//! The market series import: the data-quality gate over a canonical market CSV
//! (`market,month,median_price,sales,volume,listings,inventory_months`; docs/market.md), and the use
//! case that writes a file that passed it — all rows or none, idempotent on (market, month).
use crate::domain::text;
use crate::persistence::TenantTx;
use crate::persistence::repositories::market_series::{self, MarketRow};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;

/// The canonical columns, all required, in any order; no other column is accepted.
pub const COLUMNS: [&str; 7] = [
    "market",
    "month",
    "median_price",
    "sales",
    "volume",
    "listings",
    "inventory_months",
];

/// One refused value: `row` is the 1-based data row (None for the header).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub row: Option<usize>,
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
    pub markets: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// `YYYY-MM` → its first day; not after `today`'s month.
fn month(v: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let bad = || "must be a month as YYYY-MM (e.g. 2007-03)".to_owned();
    let (y, m) = v.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let d = NaiveDate::from_ymd_opt(y, m, 1).filter(|_| y >= 1900).ok_or_else(bad)?;
    if (d.year(), d.month()) > (today.year(), today.month()) {
        return Err(format!("must not be after this month ({})", today.format("%Y-%m")));
    }
    Ok(d)
}

/// Empty or `NA` → missing; otherwise a finite number, above 0 (`positive`) or at least 0.
fn value(v: &str, positive: bool) -> Result<Option<f64>, String> {
    if v.is_empty() || v.eq_ignore_ascii_case("na") {
        return Ok(None);
    }
    let x: f64 = v
        .parse()
        .map_err(|_| "must be a number (empty or NA when missing)".to_owned())?;
    match (x.is_finite(), positive) {
        (false, _) => Err("must be a finite number".into()),
        (true, true) if x <= 0.0 => Err("must be above 0".into()),
        (true, false) if x < 0.0 => Err("must not be negative".into()),
        _ => Ok(Some(x)),
    }
}

/// Checks every row of `reader`: the header (exactly the canonical columns), the text rule on
/// every market name, months, numbers, and one row per (market, month).
pub fn check<R: Read>(reader: R, today: NaiveDate) -> Result<Vec<MarketRow>, GateReport> {
    let refuse_file = |field: &str, value: &str, rule: String| GateReport {
        rows: 0,
        violations: vec![Violation {
            row: None,
            field: field.to_owned(),
            value: text::shown(value),
            rule,
        }],
    };
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(reader);
    let headers: Vec<String> = match csv.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => return Err(refuse_file("header", "", format!("is not readable CSV: {e}"))),
    };
    let mut violations: Vec<Violation> = Vec::new();
    for h in &headers {
        if !COLUMNS.contains(&h.as_str()) {
            violations.push(Violation {
                row: None,
                field: text::shown(h),
                value: text::shown(h),
                rule: format!("is not a column of the market format ({})", COLUMNS.join(",")),
            });
        }
    }
    for c in COLUMNS {
        if !headers.iter().any(|h| h == c) {
            violations.push(Violation {
                row: None,
                field: c.to_owned(),
                value: String::new(),
                rule: "required column is missing".into(),
            });
        }
    }
    if !violations.is_empty() {
        return Err(GateReport { rows: 0, violations });
    }
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap_or(0);
    let idx: Vec<usize> = COLUMNS.iter().map(|c| at(c)).collect();
    let mut rows = Vec::new();
    let mut first: HashMap<(String, NaiveDate), usize> = HashMap::new();
    let mut count = 0;
    for (i, record) in csv.records().enumerate() {
        let row = i + 1;
        count = row;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                violations.push(Violation {
                    row: Some(row),
                    field: "row".into(),
                    value: String::new(),
                    rule: format!("is not readable CSV: {e}"),
                });
                continue;
            }
        };
        let cell = |k: usize| record.get(idx[k]).unwrap_or_default();
        let before = violations.len();
        let mut refuse = |field: &str, value: &str, rule: String| {
            violations.push(Violation {
                row: Some(row),
                field: field.to_owned(),
                value: text::shown(value),
                rule,
            })
        };
        let market = cell(0);
        if market.is_empty() {
            refuse("market", market, "is required".into());
        } else if let Some(rule) = text::violation(market, text::DEFAULT) {
            refuse("market", market, rule);
        }
        let m = month(cell(1), today)
            .map_err(|rule| refuse("month", cell(1), rule))
            .ok();
        let mut numbers = [None; 5];
        for (k, slot) in numbers.iter_mut().enumerate() {
            let name = COLUMNS[k + 2];
            match value(cell(k + 2), name == "median_price") {
                Ok(v) => *slot = v,
                Err(rule) => refuse(name, cell(k + 2), rule),
            }
        }
        if let Some(m) = m {
            match first.get(&(market.to_owned(), m)) {
                Some(f) => refuse("month", cell(1), format!("{market} {} is already in row {f}", cell(1))),
                None => {
                    first.insert((market.to_owned(), m), row);
                }
            }
        }
        if let (Some(m), true) = (m, violations.len() == before) {
            let [median_price, sales, volume, listings, inventory_months] = numbers;
            rows.push(MarketRow {
                market: market.to_owned(),
                month: m,
                median_price,
                sales,
                volume,
                listings,
                inventory_months,
            });
        }
    }
    if violations.is_empty() {
        Ok(rows)
    } else {
        Err(GateReport {
            rows: count,
            violations,
        })
    }
}

/// Checks the whole file, then writes it through the caller's transaction (the caller commits).
#[tracing::instrument(skip_all, fields(tenant = %tx.tenant()))]
pub async fn import_csv<R: Read>(tx: &TenantTx, reader: R, today: NaiveDate) -> Result<ImportSummary, ImportError> {
    let rows = check(reader, today).map_err(ImportError::Rejected)?;
    let counts = market_series::upsert(tx, &rows).await?;
    let mut markets: Vec<&str> = rows.iter().map(|r| r.market.as_str()).collect();
    markets.sort_unstable();
    markets.dedup();
    let summary = ImportSummary {
        rows: rows.len() as u64,
        markets: markets.len() as u64,
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: counts.unchanged,
    };
    tracing::info!(?summary, "market series imported");
    Ok(summary)
}

/// [`import_csv`] for a user: the import is recorded in the audit log with its counts.
pub async fn import_recorded<R: Read>(
    c: &crate::services::caller::Caller<'_>,
    reader: R,
    today: NaiveDate,
) -> Result<ImportSummary, ImportError> {
    let summary = import_csv(c.tx, reader, today).await?;
    let entry = crate::persistence::repositories::records::Audit {
        actor: c.actor,
        action: "import",
        entity: "market_series",
        entity_id: None,
        details: serde_json::to_value(summary).unwrap_or_default(),
        request_id: c.request_id,
    };
    crate::persistence::repositories::records::audit(c.tx, entry).await?;
    Ok(summary)
}

#[cfg(test)]
mod tests;
