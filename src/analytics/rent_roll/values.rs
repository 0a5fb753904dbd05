//! Strict parsing of rent-roll cells: money (`$`, thousands separators, parentheses for
//! negatives), areas (`5,000 SF`), percentages with or without `%`, and dates in the usual
//! spellings (01/31/2027, 1/31/27, 2027-01-31, 31-Jan-27, Jan 31, 2027, January 31, 2027, Excel
//! dates and serials). A cell that does not parse is an error, never a guess or a clamp.
use super::grid::Cell;
use chrono::{Datelike, Duration, NaiveDate};

/// Why a cell was refused: a stable code and a message (without the row and column, which the
/// caller adds).
#[derive(Debug, Clone, PartialEq)]
pub struct ValueError {
    pub code: &'static str,
    pub message: String,
}

fn refuse(code: &'static str, message: String) -> ValueError {
    ValueError { code, message }
}

/// Texts that mean "no value" in a cell: `N/A`, dashes, `none`, `TBD`.
pub fn is_blank_marker(t: &str) -> bool {
    matches!(
        t.trim().to_ascii_lowercase().as_str(),
        "" | "n/a"
            | "na"
            | "n.a."
            | "-"
            | "--"
            | "---"
            | "\u{2014}"
            | "\u{2013}"
            | "none"
            | "tbd"
            | "null"
            | "$ -"
            | "$-"
    )
}

/// Texts that mean a month-to-month (holdover) tenancy instead of an end date.
pub fn is_month_to_month(t: &str) -> bool {
    let k: String = t
        .to_ascii_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    matches!(k.as_str(), "mtm" | "monthtomonth" | "holdover" | "ho" | "mm")
}

/// The digits of a plain decimal (`1234`, `1,234.50`, `.5`), thousands separators checked.
fn decimal(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if int.is_empty() && frac.is_none() {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() > 1 {
        let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = groups.concat();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = match frac {
        Some(f) => format!("{}.{f}", if digits.is_empty() { "0" } else { &digits }),
        None => digits,
    };
    text.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A signed number in text: `$`, `USD`, spaces and one of `suffixes` (lower case) around it;
/// `(…)` or a leading `-` make it negative.
fn signed(t: &str, suffixes: &[&str]) -> Option<f64> {
    let first = t.find(|c: char| c.is_ascii_digit())?;
    let last = t.rfind(|c: char| c.is_ascii_digit())?;
    if t[first..=last].contains(char::is_whitespace) {
        return None;
    }
    let mut s = t.trim().to_ascii_lowercase().replace(['$', ' ', '\u{a0}'], "");
    s = s.replace("usd", "");
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() > 2 {
        negative = true;
        s = s[1..s.len() - 1].to_owned();
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_owned();
    }
    if let Some(longest) = suffixes.iter().filter(|x| s.ends_with(**x)).max_by_key(|x| x.len()) {
        s.truncate(s.len() - longest.len());
    }
    let x = decimal(&s)?;
    Some(if negative { -x } else { x })
}

/// A number cell of kind `what`: empty or a blank marker → None.
fn number(cell: &Cell, what: &str, suffixes: &[&str]) -> Result<Option<f64>, ValueError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(x) if x.is_finite() => Ok(Some(*x)),
        Cell::Number(x) => Err(refuse("unparsable", format!("{x} is not {what}"))),
        Cell::Date(d) => Err(refuse(
            "unparsable",
            format!("{} is a date, not {what}", d.format("%Y-%m-%d")),
        )),
        Cell::Text(t) if is_blank_marker(t) => Ok(None),
        Cell::Text(t) => signed(t, suffixes)
            .map(Some)
            .ok_or_else(|| refuse("unparsable", format!("`{t}` is not {what}"))),
    }
}

/// Money: `$1,234.50`, `(1,234.50)` (negative), `1234.5 `; suffixes `/mo`, `/yr` tolerated.
pub fn money(cell: &Cell) -> Result<Option<f64>, ValueError> {
    number(
        cell,
        "an amount of money",
        &["/month", "/mo", "/year", "/yr", "/yr.", "/mo."],
    )
}

/// Rent per square foot per year: money with `/sf`, `psf`, `/sf/yr` tolerated.
pub fn money_psf(cell: &Cell) -> Result<Option<f64>, ValueError> {
    number(
        cell,
        "an amount per square foot",
        &["/sf/yr", "/sf/year", "/rsf/yr", "/sf", "/rsf", "psf", "/ft"],
    )
}

/// An area in square feet: `5,000`, `5,000 SF`, `5000 rsf`.
pub fn area(cell: &Cell) -> Result<Option<f64>, ValueError> {
    number(cell, "an area", &["sqft", "sq.ft.", "sq.ft", "sf", "rsf", "s.f.", "ft"])
}

/// A plain count (bedrooms, bathrooms): a number.
pub fn count(cell: &Cell) -> Result<Option<f64>, ValueError> {
    number(cell, "a number", &[])
}

/// A percentage as a fraction: `3%` and `3` are 0.03, `0.03` is 0.03 (a number without `%` is in
/// percent points when above 1, a fraction otherwise).
pub fn percent(cell: &Cell) -> Result<Option<f64>, ValueError> {
    let with_sign = cell.text().is_some_and(|t| t.contains('%'));
    let x = number(cell, "a percentage", &["%"])?;
    Ok(x.map(|x| if with_sign || x.abs() > 1.0 { x / 100.0 } else { x }))
}

/// Text of a cell (numbers as written, e.g. a suite `101`).
pub fn text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(t) if is_blank_marker(t) => None,
        Cell::Text(t) => Some(t.clone()),
        Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(format!("{}", *x as i64)),
        Cell::Number(x) => Some(format!("{x}")),
        Cell::Date(d) => Some(d.format("%Y-%m-%d").to_string()),
    }
}

/// A name (tenant, resident) without the footnote marks rolls append to it: `Acme Corp. *`,
/// `Beta LLC (1)`, `Gamma †`.
pub fn name(cell: &Cell) -> Option<String> {
    let t = text(cell)?;
    let mut s = t.trim_end();
    loop {
        let before = s.len();
        s = s
            .trim_end_matches(['*', '\u{2020}', '\u{2021}', '\u{b9}', '\u{b2}', '\u{b3}'])
            .trim_end();
        if let Some(open) = s.rfind('(')
            && s.ends_with(')')
            && s.len() - open <= 4
            && s[open + 1..s.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'*')
            && s.len() - open > 2
        {
            s = s[..open].trim_end();
        }
        if s.len() == before {
            break;
        }
    }
    (!s.is_empty()).then(|| s.to_owned())
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `jan`, `Jan.`, `January`, `Sept` → 1-based month.
fn month_name(t: &str) -> Option<u32> {
    let t = t.trim_end_matches('.').to_ascii_lowercase();
    if t.len() < 3 || !t.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = MONTHS.iter().position(|m| t.starts_with(m))?;
    (full[i].starts_with(&t) || t == "sept").then_some(i as u32 + 1)
}

/// A year of 4 digits, or 2 digits (00–69 → 2000s, 70–99 → 1900s).
fn year(t: &str) -> Option<i32> {
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.parse().ok()?;
    match t.len() {
        4 => Some(y),
        2 if y < 70 => Some(2000 + y),
        2 => Some(1900 + y),
        _ => None,
    }
}

fn small(t: &str) -> Option<u32> {
    (t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// The last day of a month.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.map(|d| d - Duration::days(1))
}

/// How a date cell is read: which of month and day comes first in `1/2/2027`, and which day a
/// month-only date (`Jan-27`, `12/2027`) stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateStyle {
    pub day_first: bool,
    /// A month-only date is its last day (an end date) instead of its first.
    pub month_end: bool,
}

/// `(first, second)` of the numeric dates `a/b/y` in a text, to tell month-first from day-first.
pub fn numeric_parts(t: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = t.trim().split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[0].len() > 2 {
        return None;
    }
    Some((small(parts[0])?, small(parts[1])?))
}

fn from_text(t: &str, style: DateStyle) -> Option<NaiveDate> {
    // A time after the date (`2027-01-31 00:00:00`, `1/31/2027 12:00 AM`, `2027-01-31T00:00`).
    let mut t = t.trim();
    if let Some((date, _)) = t
        .split_once('T')
        .filter(|(d, rest)| d.len() == 10 && rest.contains(':'))
    {
        t = date;
    }
    if let Some((date, rest)) = t.split_once(' ').filter(|(_, rest)| rest.contains(':')) {
        let _ = rest;
        t = date;
    }
    let tokens: Vec<&str> = t
        .split(|c: char| c == '/' || c == '-' || c == '.' || c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let month_only = |y: i32, m: u32| {
        if style.month_end { month_end(y, m) } else { ymd(y, m, 1) }
    };
    let named: Vec<Option<u32>> = tokens.iter().map(|s| month_name(s)).collect();
    match (tokens.as_slice(), named.as_slice()) {
        // Jan 31, 2027 / January 31 2027
        ([_, d, y], [Some(m), None, None]) => ymd(year(y)?, *m, small(d)?),
        // 2027-Jan-31
        ([y, _, d], [None, Some(m), None]) if y.len() == 4 => ymd(year(y)?, *m, small(d)?),
        // 31-Jan-27 / 31 January 2027
        ([d, _, y], [None, Some(m), None]) => ymd(year(y)?, *m, small(d)?),
        // Jan-27 / January 2027
        ([_, y], [Some(m), None]) => month_only(year(y)?, *m),
        ([a, b, c], [None, None, None]) if a.len() == 4 => ymd(year(a)?, small(b)?, small(c)?),
        ([a, b, c], [None, None, None]) => {
            let (m, d) = if style.day_first { (b, a) } else { (a, b) };
            ymd(year(c)?, small(m)?, small(d)?)
        }
        // 2027-01 / 12/2027
        ([a, b], [None, None]) if a.len() == 4 => month_only(year(a)?, small(b)?),
        ([a, b], [None, None]) if b.len() == 4 => month_only(year(b)?, small(a)?),
        _ => None,
    }
}

/// The first and last Excel serial read as a date when a date column holds a plain number
/// (1954-10-03 … 2119-01-10); other numbers are refused.
pub const SERIAL_RANGE: (f64, f64) = (20_000.0, 80_000.0);

/// A date: a date cell, an Excel serial in [`SERIAL_RANGE`], or a text date. Month-to-month
/// markers are refused with code `month_to_month`.
pub fn date(cell: &Cell, style: DateStyle) -> Result<Option<NaiveDate>, ValueError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(x) if x.fract() == 0.0 && (SERIAL_RANGE.0..=SERIAL_RANGE.1).contains(x) => {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(|| refuse("unparsable", "no epoch".into()))?;
            Ok(Some(epoch + Duration::days(*x as i64)))
        }
        Cell::Number(x) => Err(refuse(
            "unparsable",
            format!("{x} is not a date (nor an Excel date serial)"),
        )),
        Cell::Text(t) if is_blank_marker(t) => Ok(None),
        Cell::Text(t) if is_month_to_month(t) => {
            Err(refuse("month_to_month", format!("`{t}`: month-to-month, no end date")))
        }
        Cell::Text(t) => {
            if let Ok(x) = t.trim().parse::<f64>() {
                return date(&Cell::Number(x), style);
            }
            from_text(t, style).map(Some).ok_or_else(|| {
                refuse(
                    "unparsable",
                    format!("`{t}` is not a date (e.g. 01/31/2027, 2027-01-31, 31-Jan-27, Jan 31, 2027)"),
                )
            })
        }
    }
}

/// `YYYY-MM-DD`.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests;
