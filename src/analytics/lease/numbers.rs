//! Numbers as leases write them: figures with thousands separators, words ("sixty"), words with
//! the figure repeated ("sixty (60)"), money ("Twenty-Four Thousand and No/100 Dollars
//! ($24,000.00)") and percentages ("three percent (3%)").
use super::pattern::Re;

/// Number words (longest first, so "sixty" is not read as "six"), the alternation the quantity
/// patterns embed.
pub const WORDS: &str = r"(?i:(?:seventeen|thirteen|fourteen|eighteen|nineteen|thousand|fifteen|sixteen|seventy|hundred|million|eleven|twelve|twenty|thirty|fourty|eighty|ninety|three|seven|eight|forty|fifty|sixty|zero|four|five|nine|one|two|six|ten)\b(?:(?:[\s-]+(?:and[\s-]+)?)(?:seventeen|thirteen|fourteen|eighteen|nineteen|thousand|fifteen|sixteen|seventy|hundred|million|eleven|twelve|twenty|thirty|fourty|eighty|ninety|three|seven|eight|forty|fifty|sixty|zero|four|five|nine|one|two|six|ten)\b)*)";

/// A figure: `12,000`, `24.50`, `1,234,567.89`.
pub const FIGURE: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

fn word_value(w: &str) -> Option<u64> {
    let small = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    if let Some(i) = small.iter().position(|s| *s == w) {
        return Some(i as u64);
    }
    let tens = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = tens.iter().position(|s| *s == w) {
        return Some(20 + 10 * i as u64);
    }
    (w == "fourty").then_some(40)
}

/// "sixty-five" → 65, "one hundred twenty" → 120, "twenty-four thousand five hundred" → 24,500.
pub fn words_to_number(text: &str) -> Option<u64> {
    let lower = text.to_ascii_lowercase();
    let (mut total, mut current, mut any) = (0u64, 0u64, false);
    for token in lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
    {
        match token {
            "and" => continue,
            "hundred" => current = current.max(1).checked_mul(100)?,
            "thousand" | "million" => {
                let scale = if token == "thousand" { 1_000 } else { 1_000_000 };
                total = total.checked_add(current.max(1).checked_mul(scale)?)?;
                current = 0;
            }
            w => current = current.checked_add(word_value(w)?)?,
        }
        any = true;
    }
    any.then_some(total + current)
}

/// A figure's value (separators dropped).
pub fn figure(text: &str) -> Option<f64> {
    text.trim().replace(',', "").parse().ok()
}

/// A quantity found in a text: its value and byte span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub value: f64,
    pub start: usize,
    pub end: usize,
}

static MONEY: Re = re!(format!(
    r"(?:(?P<words>{WORDS})(?:\s+(?i:and)\s+(?P<cents>\d{{1,2}}|(?i:no))/100)?\s+(?i:dollars)\s*)?(?:\(\s*)?(?:\$|(?i:US\$|USD)\s*)\s*(?P<fig>{FIGURE})\s*\)?|(?P<only>{WORDS})(?:\s+(?i:and)\s+(?P<ocents>\d{{1,2}}|(?i:no))/100)?\s+(?i:dollars)"
));

/// Every sum of money in `text`: `$24,500.00`, `Twenty Dollars ($20.00)` (the figure wins) or
/// words alone, `One Thousand and 50/100 Dollars`.
pub fn money(text: &str) -> Vec<Hit> {
    MONEY
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let value = if let Some(f) = c.name("fig") {
                figure(f.as_str())?
            } else {
                let whole = words_to_number(c.name("only")?.as_str())? as f64;
                let cents = c
                    .name("ocents")
                    .and_then(|x| x.as_str().parse::<f64>().ok())
                    .unwrap_or(0.0);
                whole + cents / 100.0
            };
            Some(Hit {
                value,
                start: m.start(),
                end: m.end(),
            })
        })
        .collect()
}

static COUNT: Re = re!(format!(r"(?P<words>{WORDS})?\s*\(?\s*(?P<fig>\d+(?:\.\d+)?)?\s*\)?"));

/// A count written as words, a figure or both ("sixty (60)"), anchored at the start of `text`.
pub fn count_at_start(text: &str) -> Option<Hit> {
    let c = COUNT.captures(text)?;
    let m = c.get(0)?;
    if m.start() != 0 {
        return None;
    }
    let value = match (c.name("fig"), c.name("words")) {
        (Some(f), _) => f.as_str().parse().ok()?,
        (None, Some(w)) => words_to_number(w.as_str())? as f64,
        (None, None) => return None,
    };
    let end = c
        .name("fig")
        .map_or_else(|| c.name("words").map_or(m.end(), |w| w.end()), |_| m.end());
    Some(Hit { value, start: 0, end })
}

static DURATION: Re = re!(format!(
    r"(?i)\b(?P<n>{WORDS}(?:\s*\(\s*\d+(?:\.\d+)?\s*\))?|\d+(?:\.\d+)?)[\s-]*(?:full\s+)?(?:calendar\s+|consecutive\s+|lease\s+)?(?P<unit>months?|years?)\b(?:\s+(?:and\s+)?(?P<n2>{WORDS}(?:\s*\(\s*\d+\s*\))?|\d+)\s*(?:full\s+)?(?:calendar\s+)?months?\b)?"
));

/// Every duration, in months: "sixty (60) months", "five (5) years", "3-year",
/// "two (2) years and six (6) months".
pub fn durations(text: &str) -> Vec<Hit> {
    DURATION
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let n = count_at_start(c.name("n")?.as_str())?.value;
            let unit = c.name("unit")?.as_str().to_ascii_lowercase();
            let mut months = if unit.starts_with("year") { n * 12.0 } else { n };
            if let Some(extra) = c.name("n2") {
                months += count_at_start(extra.as_str())?.value;
            }
            Some(Hit {
                value: months,
                start: m.start(),
                end: m.end(),
            })
        })
        .collect()
}

static PERCENT: Re = re!(format!(
    r"(?i)(?:(?P<words>{WORDS}(?:\s+and\s+one[\s-]+half)?)\s+percent\s*)?\(?\s*(?P<fig>\d+(?:\.\d+)?)\s*(?:%|\s*percent\b|\s*per\s*cent\b)\s*\)?|(?P<only>{WORDS})(?P<half>\s+and\s+one[\s-]+half)?\s+(?:percent|per\s*cent)\b"
));

/// Every percentage, as a fraction: "3%", "three percent (3%)", "3.5 percent", "three and
/// one-half percent".
pub fn percents(text: &str) -> Vec<Hit> {
    PERCENT
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let pct = match c.name("fig") {
                Some(f) => f.as_str().parse::<f64>().ok()?,
                None => {
                    let whole = words_to_number(c.name("only")?.as_str())? as f64;
                    whole + if c.name("half").is_some() { 0.5 } else { 0.0 }
                }
            };
            Some(Hit {
                value: pct / 100.0,
                start: m.start(),
                end: m.end(),
            })
        })
        .collect()
}

static AREA: Re = re!(format!(
    r"(?i)(?:(?P<words>{WORDS})\s*\(\s*)?(?P<fig>{FIGURE})\s*\)?\s*(?:(?:rentable|net\s+rentable|usable|leasable)\s+)?(?P<unit>square\s+feet|square\s+foot|sq\.?\s*ft\.?|rsf\b|r\.s\.f\.|s\.f\.|sf\b|rentable\s+sf\b)"
));

/// Every area in square feet ("12,000 rentable square feet", "twelve thousand (12,000) RSF");
/// a figure led by `$` is money, not area, and is left out. `usable` says whether the area was
/// called usable rather than rentable.
pub fn areas(text: &str) -> Vec<(Hit, bool)> {
    AREA.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let fig = c.name("fig")?;
            let before = text[..fig.start()].trim_end();
            if before.ends_with('$') || before.ends_with("$ ") {
                return None;
            }
            let usable = m.as_str().to_ascii_lowercase().contains("usable");
            Some((
                Hit {
                    value: figure(fig.as_str())?,
                    start: m.start(),
                    end: m.end(),
                },
                usable,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests;
