//! Market-time basis: piecewise-linear hat functions on evenly spaced month knots, so the
//! hedonic model learns a smooth price index and comps can be moved from their sale month to
//! the valuation date.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Knot layout of the market index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketTime {
    /// Month index (year·12 + month, fractional by day) of knot 0, the reference level.
    origin: f64,
    step: f64,
    knots: usize,
}

/// Months since year 0, with the day as a fraction of a 30-day month.
pub fn month_index(d: NaiveDate) -> f64 {
    f64::from(d.year()) * 12.0 + f64::from(d.month0()) + f64::from(d.day0()) / 30.0
}

impl MarketTime {
    /// Knots every `step_months` (at least 1) from the first date to past the last one.
    pub fn learn(dates: impl Iterator<Item = NaiveDate>, step_months: f64) -> MarketTime {
        let (mut first, mut last) = (f64::INFINITY, f64::NEG_INFINITY);
        for m in dates.map(month_index) {
            first = first.min(m);
            last = last.max(m);
        }
        let step = step_months.max(1.0);
        if !first.is_finite() {
            return MarketTime {
                origin: 0.0,
                step,
                knots: 1,
            };
        }
        MarketTime {
            origin: first,
            step,
            knots: ((last - first) / step).ceil() as usize + 1,
        }
    }

    /// Design columns: one per knot after the reference knot.
    pub fn columns(&self) -> usize {
        self.knots.saturating_sub(1)
    }

    /// Writes the hat weights of `date`; flat beyond the last knot because the future level is
    /// unknown and the latest level is the best guess.
    pub fn write(&self, date: NaiveDate, out: &mut [f64]) {
        let max_pos = self.columns() as f64;
        let pos = ((month_index(date) - self.origin) / self.step).clamp(0.0, max_pos);
        let k = pos.floor() as usize;
        let frac = pos - k as f64;
        // Knot 0 is the reference level, so column k-1 carries knot k.
        if k >= 1 && k - 1 < out.len() {
            out[k - 1] += 1.0 - frac;
        }
        if frac > 0.0 && k < out.len() {
            out[k] += frac;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
