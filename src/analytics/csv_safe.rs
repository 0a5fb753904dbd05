//! CSV that is safe to open in a spreadsheet (docs/csv-exports.md): every file reos writes goes
//! through the `csv` crate (RFC 4180 quoting), and a text cell that begins with `=`, `+`, `-`, `@`,
//! a tab or a carriage return gets a leading `'` so Excel, LibreOffice or Google Sheets show it as
//! text instead of evaluating it as a formula (OWASP "CSV Injection"). Numbers are written from
//! numeric values and never altered: `-0.12` stays a number.
use std::borrow::Cow;
use std::io::Write;

/// The characters that make a spreadsheet read a cell as a formula (OWASP).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` with a `'` in front when it begins with one of [`FORMULA_TRIGGERS`]; otherwise as is.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// One cell of a row: text is neutralized, numbers are formatted and left alone.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    /// A number with this many decimals.
    Number(f64, usize),
    Int(i64),
}

impl Cell<'_> {
    fn render(&self) -> Cow<'_, str> {
        match *self {
            Cell::Text(t) => neutralize(t),
            Cell::Number(v, decimals) => Cow::Owned(format!("{v:.decimals$}")),
            Cell::Int(v) => Cow::Owned(v.to_string()),
        }
    }
}

/// A CSV writer of header and rows of [`Cell`]s.
pub struct SafeCsv<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> SafeCsv<W> {
    /// Starts a file with its header row (column names are text cells too).
    pub fn new(out: W, header: &[&str]) -> csv::Result<Self> {
        let mut inner = csv::Writer::from_writer(out);
        inner.write_record(header.iter().map(|h| neutralize(h).into_owned()))?;
        Ok(Self { inner })
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) -> csv::Result<()> {
        self.inner.write_record(cells.iter().map(|c| c.render().into_owned()))
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> std::io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
