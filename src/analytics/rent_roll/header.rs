//! Finding a rent roll's header: the row (or pair of rows, "Rentable" over "SF") among the first
//! rows whose cells match the most column synonyms, each column's role with its reason, and
//! whether the roll is commercial or multifamily.
use super::grid::{Cell, Grid, Row};
use super::synonyms::{Role, lookup, norm};
use serde::Serialize;

/// How many rows from the top a header is looked for in.
pub const SEARCH_ROWS: usize = 60;
/// The fewest distinct roles a header has.
pub const MIN_ROLES: usize = 3;

/// Commercial (leases by suite) or multifamily (units by type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Commercial,
    Multifamily,
}

/// One column of the header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderColumn {
    /// 0-based column index (0 = column A).
    pub index: usize,
    /// The header text (both lines joined by a space for a two-line header).
    pub header: String,
    pub role: Option<Role>,
    /// Why the column has its role, or why it has none.
    pub reason: String,
}

/// The detected header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Index into the grid's rows of the header's first line.
    pub at: usize,
    /// 1 or 2.
    pub lines: usize,
    pub columns: Vec<HeaderColumn>,
}

impl Header {
    /// The column of `role`, if any.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns.iter().find(|c| c.role == Some(role)).map(|c| c.index)
    }

    pub fn has(&self, role: Role) -> bool {
        self.column(role).is_some()
    }

    /// The header text of column `index` (its letter when the header cell is empty).
    pub fn name(&self, index: usize) -> String {
        self.columns
            .iter()
            .find(|c| c.index == index && !c.header.is_empty())
            .map_or_else(|| letter(index), |c| c.header.clone())
    }
}

/// The spreadsheet letter of a 0-based column (0 → A, 26 → AA).
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The header cells of one or two lines: (text, role and reason) per column.
type Labels = Vec<(String, Option<(Role, String)>)>;

fn text(c: &Cell) -> Option<&str> {
    c.text().filter(|t| !t.trim().is_empty())
}

fn one_line(row: &Row) -> Labels {
    row.cells
        .iter()
        .map(|c| match text(c) {
            Some(t) => (t.to_owned(), lookup(t).map(|(r, m)| (r, m.describe()))),
            None => (String::new(), None),
        })
        .collect()
}

fn two_lines(upper: &Row, lower: &Row) -> Labels {
    let width = upper.cells.len().max(lower.cells.len());
    (0..width)
        .map(|j| match (text(upper.cell(j)), text(lower.cell(j))) {
            (Some(u), Some(l)) => {
                let joined = format!("{u} {l}");
                let found = lookup(&joined)
                    .map(|(r, m)| (r, format!("{} (two-line header)", m.describe())))
                    .or_else(|| lookup(l).map(|(r, m)| (r, format!("{} (lower header line)", m.describe()))))
                    .or_else(|| lookup(u).map(|(r, m)| (r, format!("{} (upper header line)", m.describe()))));
                (joined, found)
            }
            (Some(t), None) | (None, Some(t)) => (t.to_owned(), lookup(t).map(|(r, m)| (r, m.describe()))),
            (None, None) => (String::new(), None),
        })
        .collect()
}

/// Distinct roles of a candidate, and whether it names a space or a tenant.
fn score(labels: &Labels) -> usize {
    let mut roles: Vec<Role> = labels.iter().filter_map(|(_, r)| r.as_ref().map(|x| x.0)).collect();
    roles.sort();
    roles.dedup();
    let named = roles.contains(&Role::Space) || roles.contains(&Role::Tenant);
    if named { roles.len() } else { 0 }
}

fn text_only(row: &Row) -> bool {
    !row.is_blank() && row.cells.iter().all(|c| matches!(c, Cell::Empty | Cell::Text(_)))
}

/// The distinct roles a row's text cells match (for repeated headers further down).
pub fn row_score(row: &Row) -> usize {
    score(&one_line(row))
}

/// Finds the header among the first [`SEARCH_ROWS`] rows: the candidate with the most distinct
/// roles (at least [`MIN_ROLES`], one of them the suite/unit or tenant), the earliest on a tie; a
/// row joined with the next one is a candidate when the next one is text only and the pair scores
/// above each line alone (or as high as the lower line, when the upper one has several cells and
/// no digits: "Rentable" over "SF", "Annual" over "Rent").
pub fn detect(grid: &Grid) -> Option<Header> {
    let mut best: Option<(usize, usize, usize, Labels)> = None;
    let limit = grid.rows.len().min(SEARCH_ROWS);
    for i in 0..limit {
        let row = &grid.rows[i];
        if !text_only(row) {
            continue;
        }
        let single = one_line(row);
        let s1 = score(&single);
        let mut candidate = (s1, 1, single);
        if let Some(next) = grid.rows.get(i + 1).filter(|r| text_only(r)) {
            let pair = two_lines(row, next);
            let (s2, s_next) = (score(&pair), score(&one_line(next)));
            // On a tie with the lower line alone, an upper line of several cells without digits
            // ("Rentable", "Annual", "Lease") is the header's first line, not a title.
            let qualifies = row.cells.iter().filter(|c| !c.is_empty()).count() >= 2
                && row
                    .cells
                    .iter()
                    .filter_map(Cell::text)
                    .all(|t| !t.chars().any(|c| c.is_ascii_digit()));
            if s2 > s1 && (s2 > s_next || (s2 == s_next && qualifies)) {
                candidate = (s2, 2, pair);
            }
        }
        if candidate.0 >= MIN_ROLES && best.as_ref().is_none_or(|b| candidate.0 > b.0) {
            best = Some((candidate.0, i, candidate.1, candidate.2));
        }
    }
    let (_, at, lines, labels) = best?;
    Some(Header {
        at,
        lines,
        columns: columns(labels),
    })
}

/// The columns with their roles; a second column of a role already taken keeps no role.
fn columns(labels: Labels) -> Vec<HeaderColumn> {
    let mut out: Vec<HeaderColumn> = Vec::new();
    let width = labels.iter().rposition(|(t, _)| !t.is_empty()).map_or(0, |p| p + 1);
    for (index, (header, found)) in labels.into_iter().take(width).enumerate() {
        let (role, reason) = match found {
            None if header.is_empty() => (None, "empty header".to_owned()),
            None => (None, "no synonym matched".to_owned()),
            Some((role, reason)) => match out.iter().find(|c| c.role == Some(role)) {
                Some(first) => (
                    None,
                    format!(
                        "same meaning as column \"{}\" ({reason}); the first one is used",
                        first.header
                    ),
                ),
                None => (Some(role), reason),
            },
        };
        out.push(HeaderColumn {
            index,
            header,
            role,
            reason,
        });
    }
    out
}

/// Commercial or multifamily, from the mapped roles (multifamily when its own roles outnumber the
/// commercial ones; a `Suite` header counts as commercial, `Apt` as multifamily), with the reason.
pub fn kind(header: &Header) -> (Kind, String) {
    let mut mf: Vec<&str> = Vec::new();
    let mut com: Vec<&str> = Vec::new();
    for c in &header.columns {
        let Some(role) = c.role else { continue };
        let n = norm(&c.header);
        if role.multifamily() || (role == Role::Space && (n.starts_with("apt") || n.starts_with("apartment"))) {
            mf.push(&c.header);
        } else if role.commercial() || (role == Role::Space && (n.starts_with("suite") || n.starts_with("ste"))) {
            com.push(&c.header);
        }
    }
    let list = |v: &[&str]| v.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ");
    if mf.len() > com.len() {
        (
            Kind::Multifamily,
            format!("multifamily columns {} outnumber commercial ones", list(&mf)),
        )
    } else if com.is_empty() {
        (
            Kind::Commercial,
            "no multifamily column (unit type, market/actual rent, move-in, status): commercial".into(),
        )
    } else {
        (Kind::Commercial, format!("commercial columns {}", list(&com)))
    }
}

#[cfg(test)]
mod tests;
