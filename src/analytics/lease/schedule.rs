//! Rent schedule tables ("Months 1-12  $24.50  $24,500.00  $294,000.00", "Lease Year 2 …",
//! "3/1/2025 - 2/28/2026 …"): each row's period and its amounts, told apart by how they relate
//! (annual = 12 × monthly, annual = rate × area), by the table's header, or by magnitude.
use super::abstract_::Value;
use super::candidate::Cand;
use super::dates;
use super::numbers::{self, Hit};
use super::pattern::Re;
use super::segment::{Doc, Seg};
use chrono::NaiveDate;

/// A row's period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Period {
    /// Months `a..=b` of the term (1-based).
    Months(u32, u32),
    Dates(NaiveDate, NaiveDate),
}

/// One row of a rent table, amounts as the row states them.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub period: Period,
    pub monthly: Option<f64>,
    pub annual: Option<f64>,
    pub psf: Option<f64>,
    /// The row, for its citation.
    pub cite: Cand,
}

static PERIOD: Re = re!(
    r"(?i)^\s*(?:[•*|-]\s*)?(?:(?:lease\s+)?months?\s+(?P<ma>\d{1,3})\s*(?:-|–|—|to|through|thru)\s*(?:months?\s+)?(?P<mb>\d{1,3})\b|(?:lease\s+|rental\s+)?(?:years?|yr\.?)\s+(?P<ya>\d{1,2})(?:\s*(?:-|–|—|to|through|thru)\s*(?P<yb>\d{1,2}))?\b|(?P<ra>\d{1,3})\s*(?:-|–|—|to|through|thru)\s*(?P<rb>\d{1,3})\b(?:\s*months?)?)"
);
/// A row that starts with a bare lease-year number, under a header that names lease years.
static BARE_YEAR: Re = re!(r"^\s*\|?\s*(?P<y>\d{1,2})\s+\|?\s*\$");
static YEAR_HEADER: Re = re!(r"(?i)^\s*(?:lease\s+)?years?\b");
static HEADER_PSF: Re =
    re!(r"(?i)(?:per\s+(?:rentable\s+)?(?:square\s+foot|sq\.?\s*ft\.?|rsf|sf)|/\s*r?sf|\bpsf\b|\brate\b|\$/sf)");
static HEADER_MONTH: Re = re!(r"(?i)\bmonth(?:ly)?\b");
static HEADER_YEAR: Re = re!(r"(?i)\b(?:annual(?:ly)?|yearly|per\s+annum|per\s+year)\b");
static NOT_BASE_RENT: Re =
    re!(r"(?i)\b(?:parking|renewal|extension|option\s+term|holdover|storage|operating\s+expenses|estimated)\b");
static BARE: Re = re!(r"(?:^|\s)(?P<f>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})(?:\s|$)");

#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Psf,
    Month,
    Year,
}

/// Column kinds named by a header line, in the order they appear.
fn header_columns(line: &str) -> Vec<Col> {
    let mut cols: Vec<(usize, Col)> = Vec::new();
    for cell in line
        .split(['\t', '|'])
        .flat_map(|c| c.split("  "))
        .filter(|c| !c.trim().is_empty())
    {
        let at = cell.as_ptr() as usize - line.as_ptr() as usize;
        let col = if HEADER_PSF.is_match(cell) {
            Some(Col::Psf)
        } else if HEADER_MONTH.is_match(cell) && !cell.to_ascii_lowercase().contains("months") {
            Some(Col::Month)
        } else if HEADER_YEAR.is_match(cell) {
            Some(Col::Year)
        } else {
            None
        };
        if let Some(c) = col {
            cols.push((at, c));
        }
    }
    cols.into_iter().map(|c| c.1).collect()
}

/// The amounts of a row after its period: `$` sums, else bare figures with cents or separators.
fn amounts(rest: &str) -> Vec<Hit> {
    let money = numbers::money(rest);
    if !money.is_empty() {
        return money;
    }
    BARE.captures_iter(rest)
        .filter_map(|c| {
            let f = c.name("f")?;
            Some(Hit {
                value: numbers::figure(f.as_str())?,
                start: f.start(),
                end: f.end(),
            })
        })
        .collect()
}

/// A rate per square foot per year looks like this many dollars.
const PSF_BAND: (f64, f64) = (3.0, 200.0);

fn in_band(v: f64) -> bool {
    v >= PSF_BAND.0 && v <= PSF_BAND.1
}

/// Tells the amounts apart: relations first, then header order, then magnitude against `area`.
fn classify(values: &[f64], header: &[Col], area: Option<f64>) -> (Option<f64>, Option<f64>, Option<f64>) {
    let (mut monthly, mut annual, mut psf) = (None, None, None);
    let mut used = vec![false; values.len()];
    'pairs: for (i, m) in values.iter().enumerate() {
        for (j, y) in values.iter().enumerate() {
            if i != j && *m > 0.0 && (y - 12.0 * m).abs() <= (0.001 * y).max(1.0) {
                (monthly, annual) = (Some(*m), Some(*y));
                (used[i], used[j]) = (true, true);
                break 'pairs;
            }
        }
    }
    if header.len() == values.len() {
        for (k, (v, col)) in values.iter().zip(header).enumerate() {
            if used[k] {
                continue;
            }
            used[k] = true;
            match col {
                Col::Psf => psf = psf.or(Some(*v)),
                Col::Month => monthly = monthly.or(Some(*v)),
                Col::Year => annual = annual.or(Some(*v)),
            }
        }
    }
    for (k, v) in values.iter().enumerate() {
        if used[k] {
            continue;
        }
        match (area, annual) {
            (_, Some(y)) if psf.is_none() && area.is_some_and(|a| (v * a - y).abs() <= (0.005 * y).max(a * 0.006)) => {
                psf = Some(*v)
            }
            (Some(a), _) if psf.is_none() && in_band(*v) && !in_band(v / a) => psf = Some(*v),
            (Some(a), None) if monthly.is_none() && in_band(12.0 * v / a) && !in_band(v / a) => monthly = Some(*v),
            (Some(a), None) if in_band(v / a) => annual = Some(*v),
            (None, _) if psf.is_none() && *v < 500.0 && monthly.is_some() => psf = Some(*v),
            _ => {}
        }
    }
    (monthly, annual, psf)
}

/// The base-rent schedule rows: the longest run of consecutive period rows (the first of equal
/// ones) that is not a parking, renewal or holdover table.
pub fn rows(doc: &Doc, area: Option<f64>) -> Vec<Row> {
    let mut runs: Vec<Vec<Row>> = Vec::new();
    let mut header: Vec<Col> = Vec::new();
    let mut years = false;
    let mut last_row: Option<usize> = None;
    let mut context = String::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let text = doc.text(line);
        let Some(row) = parse_row(text, line, &header, years, area) else {
            if !text.trim().is_empty() && last_row.is_none_or(|l| i > l + 3) {
                let cols = header_columns(text);
                let cells = text
                    .split(['\t', '|'])
                    .flat_map(|c| c.split("  "))
                    .filter(|c| !c.trim().is_empty())
                    .count();
                if !cols.is_empty() && cells >= 2 {
                    header = cols;
                    years = YEAR_HEADER.is_match(text);
                } else if !cols.is_empty() && YEAR_HEADER.is_match(text) {
                    // A header whose cells a PDF's text layer ran together ("Lease Year Annual
                    // Minimum Rent Monthly Installment"): its rows are lease years, its column
                    // order unknown (amounts are told apart by how they relate).
                    header = Vec::new();
                    years = true;
                }
                context.push_str(text);
                context.push('\n');
                if context.len() > 600 {
                    context = super::segment::tail(&context, 400).to_string();
                }
            }
            continue;
        };
        let fresh = last_row.is_none_or(|l| i > l + 3);
        if fresh {
            if NOT_BASE_RENT.is_match(super::segment::tail(&context, 300)) {
                last_row = None;
                continue;
            }
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push(row);
        }
        last_row = Some(i);
        context.clear();
    }
    // The longest run is the schedule; a lone period row elsewhere (a payment due on signing)
    // is not.
    runs.into_iter()
        .filter(|r| contiguous(r))
        .rev()
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

fn parse_row(text: &str, line: &Seg, header: &[Col], years: bool, area: Option<f64>) -> Option<Row> {
    let bare = if years {
        BARE_YEAR.captures(text).and_then(|c| c.name("y"))
    } else {
        None
    };
    let (period, rest_at) = if let Some(y) = bare {
        let n: u32 = y.as_str().parse().ok()?;
        (Period::Months(12 * n.checked_sub(1)? + 1, 12 * n), y.end())
    } else if let Some(c) = PERIOD.captures(text) {
        let n = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let period = if let (Some(a), Some(b)) = (n("ma"), n("mb")) {
            Period::Months(a, b)
        } else if let Some(a) = n("ya") {
            let b = n("yb").unwrap_or(a);
            Period::Months(12 * (a.checked_sub(1)?) + 1, 12 * b)
        } else {
            Period::Months(n("ra")?, n("rb")?)
        };
        (period, c.get(0)?.end())
    } else {
        let ds = dates::find_all(text);
        let (a, b) = (ds.first()?, ds.get(1)?);
        if a.start > 12 || b.date <= a.date {
            return None;
        }
        (Period::Dates(a.date, b.date), b.end)
    };
    if let Period::Months(a, b) = period
        && (a == 0 || b < a || b > 600)
    {
        return None;
    }
    let rest = &text[rest_at..];
    let hits = amounts(rest);
    if hits.is_empty() || hits.len() > 4 {
        return None;
    }
    let values: Vec<f64> = hits.iter().map(|h| h.value).collect();
    let (monthly, annual, psf) = classify(&values, header, area);
    if monthly.is_none() && annual.is_none() && psf.is_none() {
        return None;
    }
    let cite = Cand::at(line, 0, text.trim_end().len(), Value::Text(String::new()), 0.9);
    Some(Row {
        period,
        monthly,
        annual,
        psf,
        cite,
    })
}

/// Rows follow each other without gaps (months 1-12, 13-24, … or consecutive date ranges).
fn contiguous(rows: &[Row]) -> bool {
    !rows.is_empty()
        && rows.windows(2).all(|w| match (w[0].period, w[1].period) {
            (Period::Months(_, b), Period::Months(c, _)) => c == b + 1,
            (Period::Dates(_, b), Period::Dates(c, _)) => b.succ_opt() == Some(c),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_a_header() {
        let pages = vec![
            "EXHIBIT B - BASE RENT\nPeriod        Annual Rate/RSF     Monthly Installment     Annual Base Rent\nMonths 1-12        $24.50        $24,500.00        $294,000.00\nMonths 13-24       $25.24        $25,240.00        $302,880.00\n\nParking: Months 1-12   $150.00   per space\n"
                .to_string(),
        ];
        let doc = Doc::new(&pages);
        let rows = rows(&doc, Some(12_000.0));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].period, Period::Months(1, 12));
        assert_eq!(
            (rows[0].monthly, rows[0].annual, rows[0].psf),
            (Some(24_500.0), Some(294_000.0), Some(24.5))
        );
        assert_eq!(rows[1].period, Period::Months(13, 24));
    }

    #[test]
    fn lease_years_and_single_amounts() {
        let pages = vec!["Base Rent schedule:\nLease Year 1    $18,000.00\nLease Year 2    $18,540.00\n".to_string()];
        let doc = Doc::new(&pages);
        let rows = rows(&doc, Some(900.0));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].period, Period::Months(13, 24));
        assert_eq!(rows[0].annual, Some(18_000.0));
    }
}
