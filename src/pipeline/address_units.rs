//! Secondary units of an address (`APT 4B`, `BLDG 2 # 3`, `REAR`) and how the street line is split into words.
use super::address_error::{AddressError, invalid};
use super::usps::{Designator, unit_designator};

/// One secondary unit: a designator and its number (`None` for `REAR`, `BSMT`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UnitPart {
    designator: Designator,
    id: Option<String>,
}

pub(super) fn render_units(parts: &[UnitPart], key: bool) -> Option<String> {
    let words: Vec<String> = parts
        .iter()
        .map(|p| {
            let abbr = if key && p.designator.generic {
                "#"
            } else {
                p.designator.abbr
            };
            p.id.as_ref()
                .map_or_else(|| abbr.to_string(), |id| format!("{abbr} {id}"))
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Upper-case words; periods and apostrophes vanish (`N.W.` = `NW`, `O'Neil` = `ONEIL`), `#` stands
/// alone, hyphens and slashes stay inside words (`12-14`, `1/2`), anything else separates.
pub(super) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let w = cur.trim_matches(|c| c == '-' || c == '/');
        if !w.is_empty() {
            out.push(w.to_string());
        }
        cur.clear();
    };
    for ch in text.chars() {
        match ch {
            '.' | '\'' | '\u{2019}' => {}
            '#' => {
                flush(&mut cur, &mut out);
                out.push("#".to_string());
            }
            c if c.is_alphanumeric() || c == '-' || c == '/' || c == '&' => cur.extend(c.to_uppercase()),
            _ => flush(&mut cur, &mut out),
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Parses `APT 4B`, `# 4B`, `BLDG 2 APT 4`, `REAR` or a bare `4B` (generic designator).
pub(super) fn parse_units(tokens: &[String], field: &'static str, raw: &str) -> Result<Vec<UnitPart>, AddressError> {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(designator) = unit_designator(&tokens[i]) else {
            if !tokens[i].chars().any(|c| c.is_ascii_digit()) && field == "address" {
                return Err(invalid(field, raw, "text after the street line is not a unit"));
            }
            parts.push(UnitPart {
                designator: generic(),
                id: Some(tokens[i].clone()),
            });
            i += 1;
            continue;
        };
        i += 1;
        if designator.abbr != "#" && tokens.get(i).is_some_and(|t| t == "#") {
            i += 1;
        }
        let next_is_id = tokens.get(i).is_some_and(|t| unit_designator(t).is_none());
        if designator.needs_id && !next_is_id {
            return Err(invalid(field, raw, "a unit designator needs a unit number"));
        }
        let id = next_is_id.then(|| tokens[i].clone());
        i += usize::from(id.is_some());
        parts.push(UnitPart { designator, id });
    }
    Ok(parts)
}

fn generic() -> Designator {
    Designator {
        abbr: "#",
        needs_id: true,
        ambiguous: false,
        generic: true,
    }
}

/// Where the unit part of a street line's words starts (after the house number and a street word).
pub(super) fn unit_start(tokens: &[String]) -> usize {
    let n = tokens.len();
    (2..n)
        .find(|&i| match unit_designator(&tokens[i]) {
            Some(d) if d.needs_id => !d.ambiguous || i + 1 < n,
            // `FRONT`, `REAR`, … are street words unless they come last (or just before a number).
            Some(_) => i >= 3 && i + 2 >= n,
            None => false,
        })
        .unwrap_or(n)
}
