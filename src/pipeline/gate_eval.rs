//! Quality-gate evaluation: every row of a batch against its entity's expectations, and every text
//! value against the one text rule (`domain::text`), which no configuration can turn off.
use super::gates::{Entity, Expectation, GateConfig, GateError, Rule, Severity};
use super::rows::{COLUMNS, ParsedRow};
use crate::domain::text;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// One value that failed one expectation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateFailure {
    /// 1-based data row, as in the parse errors.
    pub row: usize,
    pub field: String,
    /// The value as text (empty when absent or null), as `domain::text::shown` shows it: control
    /// characters escaped, a long value cut.
    pub value: String,
    /// The expectation in words, e.g. `range min=1`, `unique (first in row 3)`, or the text
    /// rule's `at most 300 characters`, `contains a NUL character`.
    pub expectation: String,
    pub severity: Severity,
}

/// All failures of a batch; `blocking` when any failure is blocking (then the batch writes nothing).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GateReport {
    pub rows: usize,
    pub failures: Vec<GateFailure>,
    pub blocking: bool,
}

impl GateReport {
    pub fn warnings(&self) -> usize {
        self.failures.iter().filter(|f| f.severity == Severity::Warning).count()
    }
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !v.is_null())
}

/// Orders numbers numerically and `YYYY-MM-DD` text as dates; anything else is not comparable.
fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => {
            let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
            Some(date(x)?.cmp(&date(y)?))
        }
        _ => None,
    }
}

fn range_words(min: Option<f64>, max: Option<f64>) -> String {
    let mut w = String::from("range");
    if let Some(lo) = min {
        w.push_str(&format!(" min={lo}"));
    }
    if let Some(hi) = max {
        w.push_str(&format!(" max={hi}"));
    }
    w
}

/// A column of the batch: each row's value of one field (`None` when absent).
type Column<'a> = Vec<Option<&'a Value>>;

/// Checks one rule over the batch; `rows` are the row numbers, `col` / `other` the columns of the
/// rule's field and of the field it is compared with.
fn check_rule(
    rule: &Rule,
    rows: &[usize],
    col: &[Option<&Value>],
    other: &[Option<&Value>],
    year: i32,
) -> Result<Vec<GateFailure>, GateError> {
    let regex = match &rule.expect {
        Expectation::Regex { pattern } => Some(regex::Regex::new(pattern).map_err(|e| GateError::Rule {
            at: format!("{}.pattern", rule.field),
            reason: e.to_string(),
        })?),
        _ => None,
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (k, &row) in rows.iter().enumerate() {
        let raw = col.get(k).copied().flatten();
        let v = present(raw);
        let o = other.get(k).copied().flatten().filter(|o| !o.is_null());
        let failed: Option<String> = match (&rule.expect, v) {
            (Expectation::NotNull, v) => v
                .is_none_or(|v| v.as_str().is_some_and(|s| s.trim().is_empty()))
                .then(|| "not_null".into()),
            (_, None) => None,
            (Expectation::Range { min, max }, Some(v)) => {
                let ok = v
                    .as_f64()
                    .is_some_and(|x| min.is_none_or(|lo| x >= lo) && max.is_none_or(|hi| x <= hi));
                (!ok).then(|| range_words(*min, *max))
            }
            (Expectation::Regex { pattern }, Some(v)) => {
                let ok = regex.as_ref().is_some_and(|re| re.is_match(&shown(Some(v))));
                (!ok).then(|| format!("regex {pattern}"))
            }
            (Expectation::AllowedValues { values }, Some(v)) => {
                let ok = match v {
                    Value::String(t) => values.contains(t),
                    _ => values.contains(&shown(Some(v))),
                };
                (!ok).then(|| format!("allowed_values {values:?}"))
            }
            (Expectation::Unique, Some(v)) => match seen.entry(shown(Some(v))) {
                Entry::Occupied(first) => Some(format!("unique (first in row {})", first.get())),
                Entry::Vacant(slot) => {
                    slot.insert(row);
                    None
                }
            },
            (Expectation::GreaterThanField { other }, Some(v)) => o.and_then(|o| {
                let ok = compare(v, o) == Some(Ordering::Greater);
                (!ok).then(|| format!("> {other} ({})", shown(Some(o))))
            }),
            (Expectation::AtLeastField { other }, Some(v)) => o.and_then(|o| {
                let ok = matches!(compare(v, o), Some(Ordering::Greater | Ordering::Equal));
                (!ok).then(|| format!(">= {other} ({})", shown(Some(o))))
            }),
            (Expectation::NotAfterCurrentYear, Some(v)) => {
                let ok = v.as_f64().is_some_and(|y| y <= f64::from(year));
                (!ok).then(|| format!("not_after_current_year ({year})"))
            }
        };
        if let Some(expectation) = failed {
            let (field, value, severity) = (rule.field.clone(), text::shown(&shown(raw)), rule.severity);
            out.push(GateFailure {
                row,
                field,
                value,
                expectation,
                severity,
            });
        }
    }
    Ok(out)
}

/// Every text value of the batch, `(row, field, value)`, against the text rule (`domain::text`,
/// [`text::DEFAULT`]: at most 300 characters, no control characters but tab and newlines): a
/// breaking value is a blocking failure whatever the configuration, since the database would
/// refuse it (or, with one long enough, its index would). Values that are not text pass.
fn text_failures<'a>(cells: impl Iterator<Item = (usize, &'a str, &'a Value)>) -> Vec<GateFailure> {
    cells
        .filter_map(|(row, field, v)| {
            let s = v.as_str()?;
            let expectation = text::violation(s, text::DEFAULT)?;
            Some(GateFailure {
                row,
                field: field.to_owned(),
                value: text::shown(s),
                expectation,
                severity: Severity::Blocking,
            })
        })
        .collect()
}

/// Runs every rule of `entity`; `column(field)` gives a field's values for all rows, fetched once
/// per field however many rules use it. `text_failed` holds the text rule's failures, reported
/// before the rules' within a row.
fn evaluate_columns<'a>(
    entity: Entity,
    rows: &[usize],
    column: &dyn Fn(&str) -> Column<'a>,
    text_failed: Vec<GateFailure>,
    config: &GateConfig,
    today: NaiveDate,
) -> Result<GateReport, GateError> {
    let mut columns: HashMap<&str, Column<'a>> = HashMap::new();
    let rules = config.rules(entity);
    for rule in rules {
        let other = match &rule.expect {
            Expectation::GreaterThanField { other } | Expectation::AtLeastField { other } => Some(other.as_str()),
            _ => None,
        };
        for f in std::iter::once(rule.field.as_str()).chain(other) {
            columns.entry(f).or_insert_with(|| column(f));
        }
    }
    let mut failures = text_failed;
    for rule in rules {
        let col = columns.get(rule.field.as_str()).map_or(&[][..], Vec::as_slice);
        let other = match &rule.expect {
            Expectation::GreaterThanField { other } | Expectation::AtLeastField { other } => {
                columns.get(other.as_str()).map_or(&[][..], Vec::as_slice)
            }
            _ => &[][..],
        };
        failures.extend(check_rule(rule, rows, col, other, today.year())?);
    }
    // A stable sort keeps rule order within a row.
    failures.sort_by_key(|f| f.row);
    let blocking = failures.iter().any(|f| f.severity == Severity::Blocking);
    Ok(GateReport {
        rows: rows.len(),
        failures,
        blocking,
    })
}

/// Evaluates an entity's expectations and the text rule over a batch of rows (row number, field →
/// JSON value). `today` fixes "the current year" so that a run is reproducible. Failures are
/// ordered by row, then text-rule failures first and the rules in the configuration's order.
pub fn evaluate(
    entity: Entity,
    rows: &[(usize, &Map<String, Value>)],
    config: &GateConfig,
    today: NaiveDate,
) -> Result<GateReport, GateError> {
    let numbers: Vec<usize> = rows.iter().map(|r| r.0).collect();
    let column = |f: &str| rows.iter().map(|(_, m)| m.get(f)).collect();
    let text_failed = text_failures(
        rows.iter()
            .flat_map(|(row, m)| m.iter().map(|(f, v)| (*row, f.as_str(), v))),
    );
    evaluate_columns(entity, &numbers, &column, text_failed, config, today)
}

/// Evaluates the property expectations and the text rule over parsed property rows (owner
/// fields included).
pub fn evaluate_properties(rows: &[ParsedRow], config: &GateConfig, today: NaiveDate) -> Result<GateReport, GateError> {
    let numbers: Vec<usize> = rows.iter().map(|r| r.row).collect();
    let values: Vec<[Value; COLUMNS.len()]> = rows.iter().map(|r| r.data.column_values()).collect();
    // Rules name only known columns (checked when the config is loaded); others read as absent.
    let column = |f: &str| match COLUMNS.iter().position(|c| *c == f) {
        Some(i) => values.iter().map(|v| Some(&v[i])).collect(),
        None => vec![None; values.len()],
    };
    let cells = numbers.iter().zip(&values);
    let text_failed = text_failures(cells.flat_map(|(row, v)| COLUMNS.iter().zip(v).map(|(f, v)| (*row, *f, v))));
    evaluate_columns(Entity::Property, &numbers, &column, text_failed, config, today)
}

#[cfg(test)]
mod tests;
