//! USPS-style address normalization and the stable address hash that de-duplicates properties.
pub use super::address_error::AddressError;
use super::address_error::invalid;
use super::address_units::{parse_units, render_units, unit_start, words};
use super::usps::{directional, state_code, street_suffix};
use serde::{Deserialize, Serialize};

/// An address as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressInput<'a> {
    pub address: &'a str,
    pub unit: Option<&'a str>,
    pub city: &'a str,
    pub state: &'a str,
    pub zip: &'a str,
}

/// An address in USPS form. `unit` keeps the designator as written (`APT 4B`); `normalized` is the
/// de-duplication key, in which apartment-like designators collapse to `#`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormalizedAddress {
    pub line1: String,
    pub unit: Option<String>,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub normalized: String,
}

impl NormalizedAddress {
    /// Lower-case SHA-256 hex of `normalized`: equal for the same place however it was typed.
    pub fn address_hash(&self) -> String {
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, self.normalized.as_bytes());
        digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// House number, pre-directional, street name, suffix and post-directional in USPS form.
fn street_line(tokens: &[String], raw: &str) -> Result<String, AddressError> {
    let Some((house, rest)) = tokens.split_first() else {
        return Err(AddressError::Missing { field: "address" });
    };
    if !house.chars().any(|c| c.is_ascii_digit()) {
        return Err(invalid("address", raw, "must start with a house number"));
    }
    if rest.is_empty() {
        return Err(invalid("address", raw, "has no street name"));
    }
    let mut name: Vec<&str> = rest.iter().map(String::as_str).collect();
    let mut post = None;
    let mut suffix = None;
    let mut pre = None;
    // Each part is taken only while a street name word remains: `123 NORTH ST` is North Street.
    if name.len() >= 2 {
        post = name.last().and_then(|w| directional(w));
        name.truncate(name.len() - usize::from(post.is_some()));
    }
    if name.len() >= 2 {
        suffix = name.last().and_then(|w| street_suffix(w));
        name.truncate(name.len() - usize::from(suffix.is_some()));
    }
    if name.len() >= 2 {
        pre = name.first().and_then(|w| directional(w));
        if pre.is_some() {
            name.remove(0);
        }
    }
    let mut out = vec![house.as_str()];
    out.extend(pre);
    out.extend(name);
    out.extend(suffix);
    out.extend(post);
    Ok(out.join(" "))
}

fn city(raw: &str) -> Result<String, AddressError> {
    let w = words(raw);
    if w.is_empty() {
        return Err(AddressError::Missing { field: "city" });
    }
    if w.iter().any(|t| t == "#") {
        return Err(invalid("city", raw, "contains '#'"));
    }
    Ok(w.join(" "))
}

fn state(raw: &str) -> Result<String, AddressError> {
    let w = words(raw).join(" ");
    if w.is_empty() {
        return Err(AddressError::Missing { field: "state" });
    }
    state_code(&w)
        .map(str::to_string)
        .ok_or_else(|| invalid("state", raw, "not a US state name or code"))
}

/// Five-digit ZIP from `50010`, `50010-1234` or `500101234`; anything else is refused, including
/// four-digit codes that lost a leading zero in a spreadsheet.
fn zip(raw: &str) -> Result<String, AddressError> {
    let z = raw.trim();
    if z.is_empty() {
        return Err(AddressError::Missing { field: "zip" });
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let five = match (z.len(), z.split_once('-')) {
        (5, None) if digits(z) => &z[..5],
        (9, None) if digits(z) => &z[..5],
        (10, Some((a, b))) if a.len() == 5 && digits(a) && digits(b) => a,
        _ => return Err(invalid("zip", raw, "must be 5 digits or ZIP+4")),
    };
    if five == "00000" {
        return Err(invalid("zip", raw, "00000 is not a ZIP code"));
    }
    Ok(five.to_string())
}

/// Normalizes a typed address. A unit may be written in the line (`123 Main St Apt 4`, after a comma
/// or not) or in the unit column; when both are present they must name the same unit.
pub fn normalize(input: &AddressInput<'_>) -> Result<NormalizedAddress, AddressError> {
    let mut segments = input.address.split([',', ';']);
    let first = words(segments.next().unwrap_or_default());
    let start = unit_start(&first);
    let line1 = street_line(&first[..start], input.address)?;
    let mut line_units = parse_units(&first[start..], "address", input.address)?;
    for seg in segments {
        line_units.extend(parse_units(&words(seg), "address", input.address)?);
    }
    let column_units = match input.unit {
        Some(u) => parse_units(&words(u), "unit", u)?,
        None => Vec::new(),
    };
    let units = match (line_units.is_empty(), column_units.is_empty()) {
        (_, true) => line_units,
        (true, false) => column_units,
        (false, false) => {
            let (a, b) = (render_units(&line_units, true), render_units(&column_units, true));
            if a != b {
                return Err(AddressError::ConflictingUnit {
                    in_line: render_units(&line_units, false).unwrap_or_default(),
                    in_column: render_units(&column_units, false).unwrap_or_default(),
                });
            }
            column_units
        }
    };
    let (city, state, zip) = (city(input.city)?, state(input.state)?, zip(input.zip)?);
    let key_unit = render_units(&units, true).map(|u| format!(" {u}")).unwrap_or_default();
    let normalized = format!("{line1}{key_unit}, {city}, {state} {zip}");
    Ok(NormalizedAddress {
        line1,
        unit: render_units(&units, false),
        city,
        state,
        zip,
        normalized,
    })
}

#[cfg(test)]
mod tests;
