//! The unit of a commercial rent column whose header does not say it (`Rent`, `Base Rent`):
//! per square foot per year, annual or monthly, read from another rent column of the roll when
//! there is one, else from the magnitudes against the areas. Ambiguity is an error, never a guess.
use serde::Serialize;

/// A rent column's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RentUnit {
    /// Dollars per square foot per year.
    PsfAnnual,
    Annual,
    Monthly,
}

impl RentUnit {
    pub const ALL: [RentUnit; 3] = [RentUnit::PsfAnnual, RentUnit::Annual, RentUnit::Monthly];

    /// The annual rent a value of this unit stands for on `area` square feet.
    pub fn annual(self, value: f64, area: f64) -> f64 {
        match self {
            RentUnit::PsfAnnual => value * area,
            RentUnit::Annual => value,
            RentUnit::Monthly => 12.0 * value,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            RentUnit::PsfAnnual => "rent per sf per year",
            RentUnit::Annual => "annual rent",
            RentUnit::Monthly => "monthly rent",
        }
    }
}

/// $/sf/yr a rent may plausibly imply: a unit fits when most rows fall in this band.
pub const PLAUSIBLE_PSF: (f64, f64) = (3.0, 300.0);
/// $/sf/yr of ordinary commercial rents: when several units fit, the one whose median falls here
/// (alone) is taken.
pub const TYPICAL_PSF: (f64, f64) = (8.0, 80.0);
/// "Most rows": the share of rows a unit must fit (and a cross-check must agree on).
pub const MOST: f64 = 0.8;

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn within(x: f64, band: (f64, f64)) -> bool {
    x >= band.0 && x <= band.1
}

/// Another rent column of the same rows, as the annual rent each of them states.
pub struct CrossCheck<'a> {
    /// The other column's header.
    pub column: &'a str,
    /// (this column's value, the other column's annual rent, area) per row having both.
    pub rows: &'a [(f64, f64, f64)],
}

/// The unit of a rent column from `(value, area)` of its occupied rows (both above 0), with the
/// reason; or why it cannot be told.
pub fn infer(rows: &[(f64, f64)], check: Option<CrossCheck<'_>>) -> Result<(RentUnit, String), String> {
    if let Some(c) = check.filter(|c| !c.rows.is_empty()) {
        for unit in RentUnit::ALL {
            let agree = c
                .rows
                .iter()
                .filter(|(v, other, area)| {
                    let mine = unit.annual(*v, *area);
                    (mine - other).abs() <= (0.01 * other.abs()).max(1.0)
                })
                .count();
            if agree as f64 >= MOST * c.rows.len() as f64 {
                return Ok((
                    unit,
                    format!(
                        "unit inferred as {}: it agrees with column \"{}\" on {agree} of {} rows",
                        unit.describe(),
                        c.column,
                        c.rows.len()
                    ),
                ));
            }
        }
    }
    if rows.is_empty() {
        return Err("its unit cannot be inferred: no occupied row has both a rent and an area".into());
    }
    let n = rows.len() as f64;
    let fits: Vec<(RentUnit, f64, f64)> = RentUnit::ALL
        .iter()
        .map(|&u| {
            let psf: Vec<f64> = rows.iter().map(|(v, a)| u.annual(*v, *a) / a).collect();
            let share = psf.iter().filter(|x| within(**x, PLAUSIBLE_PSF)).count() as f64 / n;
            (u, share, median(psf).unwrap_or(f64::NAN))
        })
        .collect();
    let band = format!("${}–${}", PLAUSIBLE_PSF.0, PLAUSIBLE_PSF.1);
    let read_as = |skip: Option<RentUnit>| {
        fits.iter()
            .filter(|(u, ..)| Some(*u) != skip)
            .map(|(u, s, m)| {
                format!(
                    "as {}: median ${m:.2}/sf/yr, {:.0}% of rows in {band}",
                    u.describe(),
                    s * 100.0
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let candidates: Vec<(RentUnit, f64, f64)> = fits.iter().copied().filter(|(_, s, _)| *s >= MOST).collect();
    let chosen = match candidates.as_slice() {
        [] => {
            return Err(format!(
                "no unit fits its magnitudes against the areas ({})",
                read_as(None)
            ));
        }
        [one] => *one,
        many => {
            let typical: Vec<(RentUnit, f64, f64)> = many
                .iter()
                .copied()
                .filter(|(_, _, m)| within(*m, TYPICAL_PSF))
                .collect();
            match typical.as_slice() {
                [one] => *one,
                _ => {
                    return Err(format!(
                        "its unit is ambiguous ({}); name the unit in the header (Annual Rent, Monthly Rent, Rent/SF/Yr)",
                        read_as(None)
                    ));
                }
            }
        }
    };
    Ok((
        chosen.0,
        format!(
            "unit inferred from magnitudes: {} (median ${:.2}/sf/yr, {:.0}% of {} rows in {band}; {})",
            chosen.0.describe(),
            chosen.2,
            chosen.1 * 100.0,
            rows.len(),
            read_as(Some(chosen.0))
        ),
    ))
}

#[cfg(test)]
mod tests;
