//! `YYYY-MM` months (docs/dcf.md), stored as the first day of the month.
use chrono::{Datelike, NaiveDate};

/// Parses `YYYY-MM`; anything else (days, bad months) is refused.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

pub fn format(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

#[cfg(test)]
mod tests;
