//! Accuracy of the rent-roll reader against a corpus's truth (`golden/lease/README.md`, "Rent
//! rolls"): per roll, the kind, format and header row, then every row — its number, kept or
//! skipped and why, and every value (amounts to the cent) — compared with the preview. Pure: a
//! preview and a truth JSON in, a serializable score out (`reos rent-roll eval`).
use super::model::Preview;
use serde::Serialize;
use serde_json::Value as Json;

/// Row keys holding amounts (money or area): equal when they agree to the cent.
pub const AMOUNTS: [&str; 6] = [
    "area_sf",
    "annual_rent",
    "monthly_rent",
    "rent_psf_annual",
    "market_rent",
    "actual_rent",
];
/// The most mismatches a roll's score lists (all are counted).
pub const MAX_LISTED: usize = 50;
/// Keys of a truth row that are not values.
const NOT_VALUES: [&str; 3] = ["row", "kept", "reason"];

/// One difference between the preview and the truth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    /// The row (None for the roll's kind, format or header).
    pub row: Option<usize>,
    /// `kind`, `format`, `header_row`, `header_lines`, `row` (a row missing or not in the truth),
    /// `kept`, `reason` or a value's key.
    pub key: String,
    pub expected: Json,
    pub got: Json,
}

/// How one roll compares with its truth.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FileScore {
    pub file: String,
    /// Kind, format, header row and header lines: checked and right.
    pub checks: usize,
    pub checks_matched: usize,
    /// Truth rows, and those whose number, kept/skipped, reason and every value match.
    pub rows: usize,
    pub rows_matched: usize,
    /// Rows of the preview the truth does not list.
    pub extra_rows: usize,
    /// Values of kept rows (amounts included), and those that match.
    pub values: usize,
    pub values_matched: usize,
    /// Amounts of kept rows, and those that match to the cent.
    pub amounts: usize,
    pub amounts_matched: usize,
    /// Every difference counted; the first [`MAX_LISTED`] listed.
    pub mismatches: usize,
    pub listed: Vec<Mismatch>,
}

impl FileScore {
    /// Everything matches.
    pub fn perfect(&self) -> bool {
        self.mismatches == 0
    }

    fn miss(&mut self, row: Option<usize>, key: &str, expected: Json, got: Json) {
        self.mismatches += 1;
        if self.listed.len() < MAX_LISTED {
            self.listed.push(Mismatch {
                row,
                key: key.to_owned(),
                expected,
                got,
            });
        }
    }

    fn check(&mut self, key: &str, expected: Json, got: Json) {
        self.checks += 1;
        if expected == got {
            self.checks_matched += 1;
        } else {
            self.miss(None, key, expected, got);
        }
    }
}

/// Whether a value read equals the truth's: amounts to the cent, anything else exactly (a number
/// stored as an integer equals the same float).
pub fn same(key: &str, expected: &Json, got: &Json) -> bool {
    match (expected.as_f64(), got.as_f64()) {
        (Some(a), Some(b)) if AMOUNTS.contains(&key) => (a - b).abs() < 0.005,
        (Some(a), Some(b)) => a == b,
        _ => expected == got,
    }
}

/// The truth's format check: its `formats` list (a truth shared by a CSV and an XLSX twin) or its
/// `format`.
fn format_ok(truth: &Json, format: &str) -> bool {
    match truth.get("formats").and_then(Json::as_array) {
        Some(list) => list.iter().any(|f| f.as_str() == Some(format)),
        None => truth.get("format").and_then(Json::as_str) == Some(format),
    }
}

/// Scores the preview of roll `file` against its truth.
pub fn score(file: &str, p: &Preview, truth: &Json) -> FileScore {
    let mut s = FileScore {
        file: file.to_owned(),
        ..FileScore::default()
    };
    s.check("kind", truth["kind"].clone(), json(&p.kind));
    let format = p.format.as_str();
    let format_expected = if format_ok(truth, format) {
        Json::from(format)
    } else {
        truth.get("formats").unwrap_or(&truth["format"]).clone()
    };
    s.check("format", format_expected, Json::from(format));
    s.check("header_row", truth["header_row"].clone(), json(&p.header_row));
    let lines = truth.get("header_rows").and_then(Json::as_array).map_or(1, Vec::len);
    s.check("header_lines", Json::from(lines), Json::from(p.header_lines));

    let got: std::collections::HashMap<usize, Json> = p.rows.iter().map(|r| (r.row, json(r))).collect();
    let mut listed = std::collections::HashSet::new();
    for t in truth["rows"].as_array().map_or(&[][..], Vec::as_slice) {
        let Some(n) = t["row"].as_u64().and_then(|n| usize::try_from(n).ok()) else {
            s.miss(None, "row", t.clone(), Json::Null);
            continue;
        };
        listed.insert(n);
        s.rows += 1;
        if row(&mut s, n, t, got.get(&n)) {
            s.rows_matched += 1;
        }
    }
    let mut extra: Vec<usize> = got.keys().filter(|n| !listed.contains(n)).copied().collect();
    extra.sort_unstable();
    for n in extra {
        s.extra_rows += 1;
        s.miss(Some(n), "row", Json::Null, got[&n].clone());
    }
    s
}

/// Compares one truth row; true when it matches in full.
fn row(s: &mut FileScore, n: usize, t: &Json, got: Option<&Json>) -> bool {
    let kept = t["kept"].as_bool() == Some(true);
    let keys: Vec<&String> = t
        .as_object()
        .map(|o| o.keys().filter(|k| !NOT_VALUES.contains(&k.as_str())).collect())
        .unwrap_or_default();
    let Some(g) = got else {
        s.miss(Some(n), "row", Json::from("present"), Json::Null);
        for k in keys.iter().filter(|_| kept) {
            s.values += 1;
            s.amounts += usize::from(AMOUNTS.contains(&k.as_str()));
        }
        return false;
    };
    let mut ok = true;
    if g["kept"] != t["kept"] {
        s.miss(Some(n), "kept", t["kept"].clone(), g["kept"].clone());
        ok = false;
    }
    if !kept {
        if g["reason"] != t["reason"] {
            s.miss(Some(n), "reason", t["reason"].clone(), g["reason"].clone());
            ok = false;
        }
        return ok;
    }
    for k in keys {
        let amount = AMOUNTS.contains(&k.as_str());
        s.values += 1;
        s.amounts += usize::from(amount);
        let (want, have) = (&t[k.as_str()], &g[k.as_str()]);
        if same(k, want, have) {
            s.values_matched += 1;
            s.amounts_matched += usize::from(amount);
        } else {
            s.miss(Some(n), k, want.clone(), have.clone());
            ok = false;
        }
    }
    ok
}

/// A preview field as JSON (the preview's own names: `commercial`, `xlsx`).
fn json<T: Serialize>(v: &T) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

/// Totals over a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub files: usize,
    pub files_perfect: usize,
    pub checks: usize,
    pub checks_matched: usize,
    pub rows: usize,
    pub rows_matched: usize,
    pub extra_rows: usize,
    pub values: usize,
    pub values_matched: usize,
    pub amounts: usize,
    pub amounts_matched: usize,
    /// rows_matched ÷ rows (1 when there is no row).
    pub row_accuracy: f64,
    /// amounts_matched ÷ amounts.
    pub amount_accuracy: f64,
    /// values_matched ÷ values.
    pub value_accuracy: f64,
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 1.0 } else { n as f64 / of as f64 }
}

/// The scores of every roll and their totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub files: Vec<FileScore>,
}

impl Report {
    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            files: self.files.len(),
            ..Totals::default()
        };
        for f in &self.files {
            t.files_perfect += usize::from(f.perfect());
            t.checks += f.checks;
            t.checks_matched += f.checks_matched;
            t.rows += f.rows;
            t.rows_matched += f.rows_matched;
            t.extra_rows += f.extra_rows;
            t.values += f.values;
            t.values_matched += f.values_matched;
            t.amounts += f.amounts;
            t.amounts_matched += f.amounts_matched;
        }
        t.row_accuracy = share(t.rows_matched, t.rows);
        t.amount_accuracy = share(t.amounts_matched, t.amounts);
        t.value_accuracy = share(t.values_matched, t.values);
        t
    }

    /// Every roll read exactly: 100% of rows and amounts, nothing extra, every check right.
    pub fn passed(&self) -> bool {
        !self.files.is_empty() && self.files.iter().all(FileScore::perfect)
    }
}

#[cfg(test)]
mod tests;
