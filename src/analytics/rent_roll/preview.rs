//! The preview of a rent roll: read the grid, find the header, map the columns, classify and
//! parse every row, check what a roll needs to be imported, and compute the metrics.
use super::extract::{self, Found};
use super::grid::{self, Grid, Row};
use super::header::{self, Header, Kind};
use super::metrics::{self, Space};
use super::model::{Preview, Problem, RowOut, Summary, Values};
use super::plan::{self, ColumnChoice, Field, Plan};
use super::rows::{self, Skip};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What a preview needs besides the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The date WALE and the expiry ladder count from.
    pub as_of: NaiveDate,
    /// The worksheet to read (default: the first non-empty one).
    pub sheet: Option<String>,
    /// Market rent per sf per year of a commercial roll's spaces (a `Market Rent PSF` column wins).
    pub market_rent_psf: Option<f64>,
    /// The caller's choices for columns, applied over the detected mapping.
    pub mapping: Vec<ColumnChoice>,
}

impl Options {
    pub fn new(as_of: NaiveDate) -> Self {
        Options {
            as_of,
            sheet: None,
            market_rent_psf: None,
            mapping: Vec::new(),
        }
    }
}

fn file_problem(code: &'static str, message: String) -> Problem {
    Problem {
        row: None,
        column: None,
        code,
        message,
        blocking: true,
    }
}

/// The last component of a path (`/tmp/x/roll.csv` → `roll.csv`).
pub fn base_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// Previews `bytes`, the file named `file`. Never fails: what is wrong is in `problems`.
pub fn preview(file: &str, bytes: &[u8], opts: &Options) -> Preview {
    let name = base_name(file);
    let mut p = Preview {
        file: name.to_owned(),
        sha256: crate::domain::hash::sha256_hex(bytes),
        format: grid::format_of(name, bytes),
        sheet: None,
        kind: None,
        kind_reason: None,
        header_row: None,
        header_lines: 0,
        columns: Vec::new(),
        rows: Vec::new(),
        problems: Vec::new(),
        summary: Summary::default(),
        metrics: None,
    };
    match grid::read(name, bytes, opts.sheet.as_deref()) {
        Ok(g) => {
            p.format = g.format;
            p.sheet = g.sheet.clone();
            read_rows(&mut p, &g, opts);
        }
        Err(e) => p.problems.push(file_problem(e.code(), e.to_string())),
    }
    p.summary.blocking_problems = p.problems.iter().filter(|x| x.blocking).count();
    p.summary.warnings = p.problems.len() - p.summary.blocking_problems;
    p
}

fn read_rows(p: &mut Preview, g: &Grid, opts: &Options) {
    let Some(mut header) = header::detect(g) else {
        p.problems.push(file_problem(
            "no_header",
            format!(
                "no header row in the first {} rows: a header names at least {} of tenant, suite/unit, area, rent and dates (synonyms in docs/rent-roll.md)",
                header::SEARCH_ROWS,
                header::MIN_ROLES
            ),
        ));
        return;
    };
    plan::apply_choices(&mut header, &opts.mapping, &mut p.problems);
    let (kind, why) = header::kind(&header);
    p.kind = Some(kind);
    p.kind_reason = Some(why);
    p.header_row = g.rows.get(header.at).map(|r| r.number);
    p.header_lines = header.lines;
    let classes = rows::classify(&g.rows, &header);
    let kept: Vec<&Row> = classes
        .iter()
        .filter(|c| c.skip.is_none())
        .map(|c| &g.rows[c.at])
        .collect();
    let (plan, columns, problems) = plan::plan(&header, kind, &kept);
    p.columns = columns;
    p.problems.extend(problems);
    required_columns(&plan, &mut p.problems);
    let mut spaces = Vec::new();
    for c in &classes {
        let row = &g.rows[c.at];
        p.summary.data_rows += 1;
        if let Some(skip) = c.skip {
            count_skip(&mut p.summary, skip);
            if let Some(w) = &c.warning {
                p.problems.push(Problem {
                    row: Some(row.number),
                    column: None,
                    code: "skipped_values",
                    message: format!("row {}: {w}", row.number),
                    blocking: false,
                });
            }
            p.rows.push(RowOut {
                row: row.number,
                kept: false,
                reason: Some(skip.as_str()),
                values: Values::empty(kind),
            });
            continue;
        }
        let (values, space) = kept_row(row, &header, &plan, opts, &mut p.problems);
        p.summary.kept += 1;
        if space.vacant {
            p.summary.vacant += 1;
        } else {
            p.summary.occupied += 1;
        }
        p.rows.push(RowOut {
            row: row.number,
            kept: true,
            reason: space.vacant.then_some("vacant"),
            values,
        });
        spaces.push(space);
    }
    p.summary.skipped = p.summary.data_rows - p.summary.kept;
    duplicates(kind, &spaces, &mut p.problems);
    if spaces.is_empty() {
        p.problems
            .push(file_problem("no_rows", "no suite or unit row below the header".into()));
    }
    let m = metrics::compute(&spaces, kind == Kind::Multifamily, opts.as_of);
    if kind == Kind::Multifamily {
        for t in m
            .unit_mix
            .iter()
            .filter(|t| t.avg_actual_rent.is_none() && t.avg_market_rent.is_none())
        {
            p.problems.push(Problem {
                row: t.rows.first().copied(),
                column: None,
                code: "missing_value",
                message: format!(
                    "unit type `{}` has neither an actual nor a market rent: the unit mix needs one",
                    t.unit_type
                ),
                blocking: true,
            });
        }
    }
    p.metrics = Some(m);
}

fn kept_row(row: &Row, header: &Header, plan: &Plan, opts: &Options, problems: &mut Vec<Problem>) -> (Values, Space) {
    let mut found = Found::new(row, header, plan);
    let (values, space) = match plan.kind {
        Kind::Commercial => {
            let (v, s) = extract::commercial(&mut found, opts.market_rent_psf);
            (Values::Commercial(v), s)
        }
        Kind::Multifamily => {
            let (v, s) = extract::multifamily(&mut found);
            (Values::Multifamily(v), s)
        }
    };
    problems.extend(found.problems);
    (values, space)
}

fn count_skip(s: &mut Summary, skip: Skip) {
    match skip {
        Skip::Blank => s.blank += 1,
        Skip::Total => s.total += 1,
        Skip::Header => s.header += 1,
        Skip::Note => s.note += 1,
    }
}

/// Columns a roll must have to be imported (each missing one is a blocking problem).
fn required_columns(plan: &Plan, problems: &mut Vec<Problem>) {
    let mut need = |ok: bool, what: &str, why: &str| {
        if !ok {
            problems.push(Problem {
                row: None,
                column: None,
                code: "missing_column",
                message: format!("no {what} column: {why}"),
                blocking: true,
            });
        }
    };
    match plan.kind {
        Kind::Commercial => {
            need(plan.has(Field::Suite), "suite", "leases are merged by suite");
            need(plan.has(Field::Tenant), "tenant", "a suite without a tenant is vacant");
            need(plan.has(Field::AreaSf), "area", "a lease needs its area");
            need(
                [
                    Field::AnnualRent,
                    Field::MonthlyRent,
                    Field::RentPsfAnnual,
                    Field::RentPsfMonthly,
                ]
                .iter()
                .any(|f| plan.has(*f)),
                "rent",
                "a lease needs its rent",
            );
            need(
                plan.has(Field::Start),
                "lease start (commencement)",
                "a lease needs its start",
            );
            need(plan.has(Field::End), "lease end (expiration)", "a lease needs its end");
        }
        Kind::Multifamily => {
            need(plan.has(Field::Unit), "unit", "units are merged by unit");
            need(
                plan.has(Field::UnitType) || plan.has(Field::BedBath) || plan.has(Field::Beds),
                "unit type (or bed/bath)",
                "the unit mix is by type",
            );
            need(
                plan.has(Field::ActualRent) || plan.has(Field::MarketRent),
                "rent",
                "the unit mix needs actual or market rents",
            );
        }
    }
}

/// Two rows of the same suite or unit (case-insensitive) are a blocking problem.
fn duplicates(kind: Kind, spaces: &[Space], problems: &mut Vec<Problem>) {
    let what = match kind {
        Kind::Commercial => "suite",
        Kind::Multifamily => "unit",
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    for s in spaces {
        let Some(id) = &s.id else { continue };
        let key = id.trim().to_lowercase();
        match first.get(&key) {
            Some(r) => problems.push(Problem {
                row: Some(s.row),
                column: None,
                code: "duplicate_space",
                message: format!(
                    "row {}: {what} `{id}` is also in row {r} (rows are merged by {what}; a roll of several buildings is imported one building at a time)",
                    s.row
                ),
                blocking: true,
            }),
            None => {
                first.insert(key, s.row);
            }
        }
    }
}

#[cfg(test)]
mod tests;
