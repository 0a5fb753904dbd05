//! The cell grid of a rent roll: CSV (flexible record lengths, BOM and `;`/tab delimiters
//! tolerated, every cell text) or a worksheet of an XLSX/XLS workbook (calamine: numbers, dates
//! and text as the file stores them), with the file's 1-based physical row numbers.
use calamine::{Data, Reader, Xls, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Cursor;

/// The file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Xls,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
        }
    }
}

/// One cell, typed as the file stores it (a CSV cell is always text or empty).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as written in a message (dates as `YYYY-MM-DD`).
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(x) => format!("{x}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// The text of a text cell.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// One row of the sheet: its 1-based physical number (CSV: the line it starts on; workbook: the
/// sheet row) and its cells by column (column 0 is the sheet's column A).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `i` (empty past the row's end).
    pub fn cell(&self, i: usize) -> &Cell {
        self.cells.get(i).unwrap_or(&Cell::Empty)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// A sheet read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub format: Format,
    /// The worksheet's name (None for CSV).
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

/// Why a file gave no grid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GridError {
    #[error("the file is not a readable {format} file: {message}")]
    Unreadable { format: &'static str, message: String },
    #[error("the workbook has no sheet named `{name}` (sheets: {})", .available.join(", "))]
    NoSheet { name: String, available: Vec<String> },
    #[error("every sheet of the workbook is empty")]
    Empty,
}

impl GridError {
    /// The stable problem code.
    pub fn code(&self) -> &'static str {
        match self {
            GridError::Unreadable { .. } => "unreadable_file",
            GridError::NoSheet { .. } => "no_sheet",
            GridError::Empty => "empty_file",
        }
    }
}

/// The format of a file: by its name's extension, else by its first bytes (a ZIP is XLSX, an
/// OLE compound file XLS), else CSV.
pub fn format_of(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "xlsx" | "xlsm" => Format::Xlsx,
        "xls" => Format::Xls,
        "csv" | "txt" | "tsv" => Format::Csv,
        _ if bytes.starts_with(b"PK\x03\x04") => Format::Xlsx,
        _ if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => Format::Xls,
        _ => Format::Csv,
    }
}

/// Reads the file: a CSV, or the sheet `sheet` of a workbook (default: its first sheet with a
/// non-empty cell).
pub fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Grid, GridError> {
    match format_of(name, bytes) {
        Format::Csv => read_csv(bytes),
        Format::Xlsx => {
            let wb: Xlsx<_> =
                open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| GridError::Unreadable {
                    format: "XLSX",
                    message: e.to_string(),
                })?;
            read_book(wb, Format::Xlsx, sheet)
        }
        Format::Xls => {
            let wb: Xls<_> =
                open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsError| GridError::Unreadable {
                    format: "XLS",
                    message: e.to_string(),
                })?;
            read_book(wb, Format::Xls, sheet)
        }
    }
}

/// The delimiter of a CSV: the one of `,`, `;` and tab met most often outside quotes in its first
/// lines (`,` on a tie).
fn delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                lines += 1;
                if lines >= 30 {
                    break;
                }
            }
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = [(counts[0], b','), (counts[1], b';'), (counts[2], b'\t')]
        .into_iter()
        .fold((0, b','), |acc, c| if c.0 > acc.0 { c } else { acc });
    best.1
}

/// A field's text: UTF-8, else Windows-1252/Latin-1 byte by byte.
fn decode(field: &[u8]) -> String {
    match std::str::from_utf8(field) {
        Ok(s) => s.to_owned(),
        Err(_) => field.iter().map(|&b| char::from(b)).collect(),
    }
}

fn text_cell(s: &str) -> Cell {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{a0}');
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.to_owned())
    }
}

fn read_csv(bytes: &[u8]) -> Result<Grid, GridError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body);
    // The reader skips empty lines and reports a record's position from before them, so a
    // record's line is counted here: from its start, past line breaks, the newlines before it;
    // the empty lines skipped are rows of their own (blank).
    let newlines: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |byte: usize| newlines.partition_point(|nl| *nl < byte) + 1;
    let lines_of = |byte: usize| {
        let start = body
            .get(byte..)
            .and_then(|rest| rest.iter().position(|b| *b != b'\n' && *b != b'\r'))
            .map_or(byte, |skip| byte + skip);
        (line_at(byte), line_at(start))
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let (first, number) = record
                    .position()
                    .map_or((rows.len() + 1, rows.len() + 1), |p| lines_of(p.byte() as usize));
                let after = rows.last().map_or(1, |r| r.number + 1);
                for empty in first.max(after)..number {
                    rows.push(Row {
                        number: empty,
                        cells: Vec::new(),
                    });
                }
                let cells = record.iter().map(|f| text_cell(&decode(f))).collect();
                rows.push(Row { number, cells });
            }
            Err(e) => {
                return Err(GridError::Unreadable {
                    format: "CSV",
                    message: e.to_string(),
                });
            }
        }
    }
    Ok(Grid {
        format: Format::Csv,
        sheet: None,
        rows,
    })
}

/// A workbook cell as a grid cell: numbers, dates (date-formatted serials and ISO dates),
/// text; booleans and errors (`#REF!`) as their text, so a mapped column refuses them.
fn book_cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::String(s) => text_cell(s),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day))
                .map_or_else(|| Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
            .map_or_else(|| text_cell(s), Cell::Date),
        Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

fn read_book<RS, R>(mut wb: R, format: Format, sheet: Option<&str>) -> Result<Grid, GridError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let names = wb.sheet_names();
    let wanted: Vec<String> = match sheet {
        Some(s) => {
            let found = names
                .iter()
                .find(|n| n.as_str() == s)
                .or_else(|| names.iter().find(|n| n.trim().eq_ignore_ascii_case(s.trim())));
            match found {
                Some(n) => vec![n.clone()],
                None => {
                    return Err(GridError::NoSheet {
                        name: s.to_owned(),
                        available: names,
                    });
                }
            }
        }
        None => names,
    };
    for name in wanted {
        let range = wb.worksheet_range(&name).map_err(|e| GridError::Unreadable {
            format: if format == Format::Xls { "XLS" } else { "XLSX" },
            message: format!("sheet `{name}`: {e}"),
        })?;
        let Some((row0, col0)) = range.start() else {
            if sheet.is_some() {
                return Ok(Grid {
                    format,
                    sheet: Some(name),
                    rows: Vec::new(),
                });
            }
            continue;
        };
        let rows: Vec<Row> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut out = vec![Cell::Empty; col0 as usize];
                out.extend(cells.iter().map(book_cell));
                while out.last().is_some_and(Cell::is_empty) {
                    out.pop();
                }
                Row {
                    number: row0 as usize + i + 1,
                    cells: out,
                }
            })
            .collect();
        if sheet.is_some() || rows.iter().any(|r| !r.is_blank()) {
            return Ok(Grid {
                format,
                sheet: Some(name),
                rows,
            });
        }
    }
    Err(GridError::Empty)
}

#[cfg(test)]
mod tests;
