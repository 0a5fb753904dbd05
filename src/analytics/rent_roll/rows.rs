//! Classifying every row below a rent roll's header: kept (a suite or unit, vacant ones
//! included) or skipped as `blank`, `total` (totals, subtotals, summary lines, or a row without a
//! suite whose amounts sum the rows above), `header` (a repeated header) or `note` (footnotes,
//! section titles, text-only lines, values with neither suite nor tenant).
use super::grid::{Cell, Row};
use super::header::{Header, MIN_ROLES, row_score};
use super::synonyms::{Role, norm};
use super::values;
use serde::Serialize;

/// Why a row is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Skip {
    Blank,
    Total,
    Header,
    Note,
}

impl Skip {
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::Blank => "blank",
            Skip::Total => "total",
            Skip::Header => "header",
            Skip::Note => "note",
        }
    }
}

/// A row's class, and for a skipped row that held values, a line saying so (a warning).
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    /// Index into the grid's rows.
    pub at: usize,
    pub skip: Option<Skip>,
    pub warning: Option<String>,
}

/// Whether a tenant or resident cell says the space is vacant (`VACANT`, `Vacant - available`,
/// `<vacant>`, `Available`, `Unoccupied`).
pub fn vacant_marker(t: &str) -> bool {
    let n = norm(t);
    n.starts_with("vacant")
        || matches!(
            n.as_str(),
            "available" | "vacancy" | "unoccupied" | "unleased" | "empty"
        )
}

/// A multifamily status, normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Occupied,
    Vacant,
    /// Occupied, the resident has given notice.
    Notice,
}

/// Reads a status cell: `vacant`, `vacant-leased`, `model`, `down` → vacant; `notice`, `NTV`,
/// `occupied-NTV` → notice; `occupied`, `current`, `leased`, `MTM`, `eviction` → occupied.
pub fn status(t: &str) -> Option<Status> {
    let n = norm(t);
    let words: Vec<&str> = n.split(' ').collect();
    let has = |w: &str| words.contains(&w) || n.starts_with(w);
    if has("vacant") || has("vac") || has("model") || has("down") || has("unavailable") || has("admin") {
        Some(Status::Vacant)
    } else if has("notice") || has("ntv") || has("ntvl") || n.contains("notice") {
        Some(Status::Notice)
    } else if has("occupied")
        || has("occ")
        || has("current")
        || has("leased")
        || has("mtm")
        || has("eviction")
        || has("renewed")
        || n == "o"
    {
        Some(Status::Occupied)
    } else if n == "v" {
        Some(Status::Vacant)
    } else {
        None
    }
}

/// Words that make a row without a suite a total or summary line.
const TOTAL_WORDS: &[&str] = &["total", "totals", "subtotal", "subtotals", "grandtotal"];
const SUMMARY_WORDS: &[&str] = &[
    "occupancy",
    "occupied",
    "leased",
    "average",
    "avg",
    "weighted",
    "wtd",
    "summary",
    "percent",
    "vacancy",
    "count",
];

fn words_of(c: &Cell) -> Vec<String> {
    c.text()
        .map(|t| norm(t).split(' ').map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The amount in a summed column's cell (None for empty or unreadable cells).
fn amount(role: Role, c: &Cell) -> Option<f64> {
    let v = if role == Role::Area {
        values::area(c)
    } else {
        values::money(c)
    };
    v.ok().flatten()
}

/// Sums of the kept rows for the total check: since the start and since the last total row, each
/// for all rows, the vacant ones and the occupied ones; with how many rows each holds.
#[derive(Default, Clone)]
struct Sums {
    values: Vec<[f64; 6]>,
    counts: [usize; 6],
}

impl Sums {
    fn new(columns: usize) -> Self {
        Sums {
            values: vec![[0.0; 6]; columns],
            counts: [0; 6],
        }
    }
    fn add(&mut self, amounts: &[Option<f64>], vacant: bool) {
        let slots = [0, 3, if vacant { 1 } else { 2 }, if vacant { 4 } else { 5 }];
        for (col, a) in amounts.iter().enumerate() {
            for s in slots {
                self.values[col][s] += a.unwrap_or(0.0);
            }
        }
        for s in slots {
            self.counts[s] += 1;
        }
    }
    fn reset_section(&mut self) {
        for v in &mut self.values {
            v[3] = 0.0;
            v[4] = 0.0;
            v[5] = 0.0;
        }
        self.counts[3] = 0;
        self.counts[4] = 0;
        self.counts[5] = 0;
    }
    /// Whether some amount of the row equals one of the sums (of at least one row).
    fn matches(&self, amounts: &[Option<f64>]) -> bool {
        amounts.iter().enumerate().any(|(col, a)| {
            a.is_some_and(|x| {
                (0..6).any(|s| {
                    let sum = self.values[col][s];
                    self.counts[s] > 0 && x != 0.0 && (x - sum).abs() <= (1e-5 * sum.abs()).max(1.0)
                })
            })
        })
    }
}

/// Classifies the rows of `rows` that follow the header.
pub fn classify(rows: &[Row], header: &Header) -> Vec<Classified> {
    let space = header.column(Role::Space);
    let tenant = header.column(Role::Tenant);
    let status_col = header.column(Role::Status);
    let summed: Vec<(usize, Role)> = header
        .columns
        .iter()
        .filter_map(|c| c.role.filter(|r| r.summed()).map(|r| (c.index, r)))
        .collect();
    let valued: Vec<usize> = header
        .columns
        .iter()
        .filter(|c| c.role.is_some_and(|r| r.summed() || r.dated() || r == Role::RentPsf))
        .map(|c| c.index)
        .collect();
    let header_roles = header.columns.iter().filter(|c| c.role.is_some()).count();
    let mut sums = Sums::new(summed.len());
    let mut out = Vec::new();
    for (at, row) in rows.iter().enumerate().skip(header.at + header.lines) {
        let skip = |s: Skip| Classified {
            at,
            skip: Some(s),
            warning: None,
        };
        if row.is_blank() {
            out.push(skip(Skip::Blank));
            continue;
        }
        let only_text = row.cells.iter().all(|c| matches!(c, Cell::Empty | Cell::Text(_)));
        if only_text && row_score(row) >= MIN_ROLES.max(header_roles / 2) {
            out.push(skip(Skip::Header));
            continue;
        }
        let id = space.and_then(|c| values::text(row.cell(c)));
        let who = tenant.and_then(|c| values::text(row.cell(c)));
        let amounts: Vec<Option<f64>> = summed.iter().map(|(c, r)| amount(*r, row.cell(*c))).collect();
        let words: Vec<Vec<String>> = row.cells.iter().map(words_of).collect();
        let any_word = |list: &[&str]| words.iter().flatten().any(|w| list.contains(&w.as_str()));
        let first_word = |list: &[&str]| {
            words
                .iter()
                .find(|w| !w.is_empty())
                .and_then(|w| w.first())
                .is_some_and(|w| list.contains(&w.as_str()))
        };
        let id_says_total = id.as_deref().is_some_and(|t| {
            norm(t)
                .split(' ')
                .any(|w| TOTAL_WORDS.contains(&w) || SUMMARY_WORDS.contains(&w))
        });
        let no_id = id.is_none() || id_says_total;
        let vacant = who.as_deref().is_some_and(vacant_marker)
            || status_col
                .and_then(|c| row.cell(c).text().and_then(status))
                .is_some_and(|s| s == Status::Vacant);
        let label_only = who.is_none()
            || who.as_deref().is_some_and(|t| {
                vacant_marker(t)
                    || norm(t)
                        .split(' ')
                        .any(|w| TOTAL_WORDS.contains(&w) || SUMMARY_WORDS.contains(&w))
            });
        let has_values = valued.iter().any(|c| !row.cell(*c).is_empty());
        let filled = row.cells.iter().filter(|c| !c.is_empty()).count();
        // One text cell ("Occupancy: 89.7% of 496,014 RSF", "Building A") is a note unless it
        // says total.
        if filled == 1 && only_text && !any_word(TOTAL_WORDS) {
            out.push(skip(Skip::Note));
            continue;
        }
        let total = no_id
            && (any_word(TOTAL_WORDS)
                || (first_word(SUMMARY_WORDS) && !vacant)
                || (label_only && sums.matches(&amounts)));
        if total {
            sums.reset_section();
            out.push(skip(Skip::Total));
            continue;
        }
        let starts_note = words.iter().find(|w| !w.is_empty()).is_some_and(|w| {
            w.first()
                .is_some_and(|f| matches!(f.as_str(), "note" | "notes" | "footnote" | "footnotes" | "source"))
        }) || row
            .cells
            .iter()
            .find_map(Cell::text)
            .is_some_and(|t| t.starts_with('*') || t.starts_with('('));
        if filled == 1
            || (starts_note && !has_values)
            || (no_id && who.is_none())
            || (only_text && !has_values && who.is_none())
        {
            let warning = (has_values && filled > 1)
                .then(|| "skipped: the row has values but neither a suite/unit nor a tenant".to_owned());
            out.push(Classified {
                at,
                skip: Some(Skip::Note),
                warning,
            });
            continue;
        }
        sums.add(&amounts, vacant || who.is_none());
        out.push(Classified {
            at,
            skip: None,
            warning: None,
        });
    }
    out
}

#[cfg(test)]
mod tests;
