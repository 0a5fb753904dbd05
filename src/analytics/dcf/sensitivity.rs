//! Sensitivity grids: exit cap × discount rate, and market rent growth × exit cap, each cell a
//! full engine run giving DCF value, NPV and IRR.

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};

use super::engine;
use super::error::DcfError;
use super::knobs::Knobs;
use super::model::DcfInput;
use super::output::ValueOptions;

/// Offsets added to the input's exit cap, discount rate and market rent growth (before the
/// hazard adjustment). Default: −100 bp to +100 bp in 25 bp steps for each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SensitivitySpec {
    pub exit_cap_offsets: Vec<f64>,
    pub discount_rate_offsets: Vec<f64>,
    pub rent_growth_offsets: Vec<f64>,
}

impl Default for SensitivitySpec {
    fn default() -> Self {
        let steps: Vec<f64> = (-4..=4).map(|i| f64::from(i) * 0.0025).collect();
        SensitivitySpec {
            exit_cap_offsets: steps.clone(),
            discount_rate_offsets: steps.clone(),
            rent_growth_offsets: steps,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GridCell {
    /// DCF value (NPV + acquisition cost).
    pub value: f64,
    pub npv: f64,
    pub unlevered_irr: Option<f64>,
    pub levered_irr: Option<f64>,
}

/// `cells[r][c]` is the run with `rows[r]` and `cols[c]` (absolute input values).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    pub row_variable: String,
    pub col_variable: String,
    pub rows: Vec<f64>,
    pub cols: Vec<f64>,
    pub cells: Vec<Vec<GridCell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityResult {
    pub exit_cap_by_discount_rate: Grid,
    pub rent_growth_by_exit_cap: Grid,
}

pub fn sensitivity(input: &DcfInput, spec: &SensitivitySpec) -> Result<SensitivityResult, DcfError> {
    sensitivity_until(input, spec, &AtomicBool::new(false))
}

/// [`sensitivity`] that gives up with [`DcfError::Cancelled`] soon after `stop` is set (it is
/// checked before every row of a grid).
pub fn sensitivity_until(
    input: &DcfInput,
    spec: &SensitivitySpec,
    stop: &AtomicBool,
) -> Result<SensitivityResult, DcfError> {
    let base = Knobs::of(input);
    let caps = axis(
        base.exit_cap,
        &spec.exit_cap_offsets,
        "sensitivity.exit_cap_offsets",
        |x| x > 0.0 && x < 1.0,
    )?;
    let rates = axis(
        base.discount_rate,
        &spec.discount_rate_offsets,
        "sensitivity.discount_rate_offsets",
        open_rate,
    )?;
    let growths = axis(
        base.rent_growth,
        &spec.rent_growth_offsets,
        "sensitivity.rent_growth_offsets",
        open_rate,
    )?;
    let exit_cap_by_discount_rate = grid(
        input,
        &base,
        ("exit_cap_rate", &caps),
        ("discount_rate", &rates),
        |k, r, c| {
            k.exit_cap = r;
            k.discount_rate = c;
        },
        stop,
    )?;
    let rent_growth_by_exit_cap = grid(
        input,
        &base,
        ("market_rent_growth", &growths),
        ("exit_cap_rate", &caps),
        |k, r, c| {
            k.rent_growth = r;
            k.exit_cap = c;
        },
        stop,
    )?;
    Ok(SensitivityResult {
        exit_cap_by_discount_rate,
        rent_growth_by_exit_cap,
    })
}

fn open_rate(x: f64) -> bool {
    x > -1.0 && x < 1.0
}

fn axis(center: f64, offsets: &[f64], field: &str, valid: fn(f64) -> bool) -> Result<Vec<f64>, DcfError> {
    if offsets.is_empty() {
        return Err(DcfError::invalid(field, "needs at least one offset"));
    }
    offsets
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let x = center + o;
            if valid(x) {
                Ok(x)
            } else {
                Err(DcfError::invalid(
                    format!("{field}[{i}]"),
                    format!("gives {x}, outside the valid range"),
                ))
            }
        })
        .collect()
}

/// A grid over two axes, each a variable name and its values.
fn grid(
    input: &DcfInput,
    base: &Knobs,
    (row_variable, rows): (&str, &[f64]),
    (col_variable, cols): (&str, &[f64]),
    set: fn(&mut Knobs, f64, f64),
    stop: &AtomicBool,
) -> Result<Grid, DcfError> {
    let cells = rows
        .iter()
        .map(|&r| {
            if stop.load(Ordering::Relaxed) {
                return Err(DcfError::Cancelled);
            }
            Ok(cols
                .iter()
                .map(|&c| {
                    let mut k = *base;
                    set(&mut k, r, c);
                    let out = engine::run(input, &k, ValueOptions::default());
                    GridCell {
                        value: out.dcf_value,
                        npv: out.npv,
                        unlevered_irr: out.unlevered_irr,
                        levered_irr: out.levered_irr,
                    }
                })
                .collect())
        })
        .collect::<Result<_, _>>()?;
    Ok(Grid {
        row_variable: row_variable.into(),
        col_variable: col_variable.into(),
        rows: rows.to_vec(),
        cols: cols.to_vec(),
        cells,
    })
}

#[cfg(test)]
mod tests;
