//! Dates as leases write them: "March 1, 2025", "1st day of March, 2025", "1 March 2025",
//! "03/01/2025", "3/1/25", "2025-03-01", "31-Jan-27" (US month/day order for numeric forms).
use super::pattern::Re;
use chrono::{Datelike, Months, NaiveDate};

const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// Every date form recognised, as one alternation; the named group tells which matched.
static DATE: Re = re!(date_pattern());

fn date_pattern() -> String {
    let long = format!(r"(?P<lm>{MONTH})\s+(?P<ld>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ly>\d{{4}})");
    let day_of = format!(
        r"(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+(?P<dm>{MONTH}),?\s+(?:(?i:in\s+the\s+year\s+)?)(?P<dy>\d{{4}})"
    );
    let day_first = format!(r"(?P<fd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<fm>{MONTH}),?\s+(?P<fy>\d{{4}})");
    let dashed = format!(r"(?P<xd>\d{{1,2}})-(?P<xm>{MONTH})-(?P<xy>\d{{2}}|\d{{4}})");
    let iso = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})";
    let us = r"(?P<um>\d{1,2})[/.-](?P<ud>\d{1,2})[/.-](?P<uy>\d{4}|\d{2})";
    format!(r"\b(?:{day_of}|{long}|{day_first}|{dashed}|{iso}|{us})\b")
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|m| n.starts_with(m)).map(|i| i as u32 + 1)
}

fn year(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + y),
        4 if (1900..=2200).contains(&y) => Some(y),
        _ => None,
    }
}

/// A date found in a text: its value and its byte span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateHit {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// Every valid date in `text`, in order (an impossible one, such as February 30, is left out).
pub fn find_all(text: &str) -> Vec<DateHit> {
    DATE.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let g = |name: &str| c.name(name).map(|x| x.as_str());
            let (y, mo, d) = if let Some(d) = g("dd") {
                (year(g("dy")?)?, month_number(g("dm")?)?, d.parse().ok()?)
            } else if let Some(mo) = g("lm") {
                (year(g("ly")?)?, month_number(mo)?, g("ld")?.parse().ok()?)
            } else if let Some(d) = g("fd") {
                (year(g("fy")?)?, month_number(g("fm")?)?, d.parse().ok()?)
            } else if let Some(d) = g("xd") {
                (year(g("xy")?)?, month_number(g("xm")?)?, d.parse().ok()?)
            } else if let Some(y) = g("iy") {
                (year(y)?, g("im")?.parse().ok()?, g("id")?.parse().ok()?)
            } else {
                (year(g("uy")?)?, g("um")?.parse().ok()?, g("ud")?.parse().ok()?)
            };
            let date = NaiveDate::from_ymd_opt(y, mo, d)?;
            Some(DateHit {
                date,
                start: m.start(),
                end: m.end(),
            })
        })
        .collect()
}

/// `date` plus `months` calendar months (the day clamped to the month's end, as chrono does).
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// The last day of a term of `months` months that begins on `start`.
pub fn term_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    add_months(start, months)?.pred_opt()
}

/// Whole months from `start` to `end` when `end` is the last day of such a term, else None.
pub fn whole_months(start: NaiveDate, end: NaiveDate) -> Option<u32> {
    let after = end.succ_opt()?;
    let months = (after.year() - start.year()) * 12 + after.month() as i32 - start.month() as i32;
    let months = u32::try_from(months).ok().filter(|m| *m > 0)?;
    (add_months(start, months)? == after).then_some(months)
}

#[cfg(test)]
mod tests;
