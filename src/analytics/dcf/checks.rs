//! Field-level checks shared by input validation: each refusal carries the field's path.

use super::error::DcfError;

pub(super) type Res<T> = Result<T, DcfError>;

/// A required number.
pub(super) fn required(v: Option<f64>, field: &str) -> Res<f64> {
    match v {
        Some(x) if x.is_finite() => Ok(x),
        Some(_) => Err(DcfError::invalid(field, "must be a finite number")),
        None => Err(DcfError::invalid(field, "is required")),
    }
}

/// An optional number that docs/dcf.md defaults to 0.
pub(super) fn or_zero(v: Option<f64>, field: &str) -> Res<f64> {
    required(Some(v.unwrap_or(0.0)), field)
}

/// An annual rate (growth, discount, interest, escalation): strictly inside (−1, 1).
pub(super) fn rate(x: f64, field: &str) -> Res<f64> {
    if x > -1.0 && x < 1.0 {
        Ok(x)
    } else {
        Err(DcfError::invalid(field, format!("rate {x} must lie in (-1, 1)")))
    }
}

/// A share of something (cost, vacancy, fee): in [0, 1).
pub(super) fn share(x: f64, field: &str) -> Res<f64> {
    if (0.0..1.0).contains(&x) {
        Ok(x)
    } else {
        Err(DcfError::invalid(field, format!("share {x} must lie in [0, 1)")))
    }
}

/// A probability or score: in [0, 1].
pub(super) fn unit_interval(x: f64, field: &str) -> Res<f64> {
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(DcfError::invalid(field, format!("{x} must lie in [0, 1]")))
    }
}

pub(super) fn non_negative(x: f64, field: &str) -> Res<f64> {
    if x >= 0.0 {
        Ok(x)
    } else {
        Err(DcfError::invalid(field, format!("{x} must not be negative")))
    }
}

pub(super) fn positive(x: f64, field: &str) -> Res<f64> {
    if x > 0.0 {
        Ok(x)
    } else {
        Err(DcfError::invalid(field, format!("{x} must be greater than 0")))
    }
}

/// A whole number in `min..=max` (months, years, unit counts).
pub(super) fn whole(x: f64, field: &str, min: u32, max: u32) -> Res<u32> {
    if x.fract() != 0.0 || x < f64::from(min) || x > f64::from(max) {
        return Err(DcfError::invalid(
            field,
            format!("{x} must be a whole number in {min}..={max}"),
        ));
    }
    // Exact: x is integral and within u32 range by the check above.
    Ok(x as u32)
}

/// A span in years that must come to whole months (1..=1200), returned in months.
pub(super) fn years_in_months(years: f64, field: &str) -> Res<u32> {
    let months = years * 12.0;
    let rounded = months.round();
    if (months - rounded).abs() > 1e-9 || !(1.0..=1200.0).contains(&rounded) {
        return Err(DcfError::invalid(
            field,
            format!("{years} years must be a whole number of months between 1 and 1200"),
        ));
    }
    // Exact: rounded is integral and within 1..=1200.
    Ok(rounded as u32)
}

/// Parses `"YYYY-MM"` into months since year 0 (year × 12 + month − 1).
pub(super) fn year_month(s: &str, field: &str) -> Res<i64> {
    let bad = || DcfError::invalid(field, format!("`{s}` is not a month of the form YYYY-MM"));
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 || !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let year: i64 = y.parse().map_err(|_| bad())?;
    let month: i64 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok(year * 12 + month - 1)
}

#[cfg(test)]
mod tests;
