//! The market's regime for the interval (docs/comp-critic.md): the training sales' monthly median
//! price per square foot, judged by the regime detector (`analytics::market`, data up to each
//! month only); a month is *moving* unless its label is STABLE. A sale or valuation on a date
//! reads the regime of the last whole month before it, so nothing at or after the date is used.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::interval::Calibration;
use super::sale::Sale;
use crate::analytics::market::regime::{Label, RegimeConfig, regime_at};
use crate::analytics::market::series::{MonthlySeries, months_between};
use crate::analytics::stats::ratio::median;

/// The monthly series of the training sales and the detector's settings.
#[derive(Debug, Clone)]
pub(crate) struct RegimeTrack {
    series: MonthlySeries,
    cfg: RegimeConfig,
}

fn month_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl RegimeTrack {
    /// The tenant-wide series of `sales` (every sale with a living area counts).
    pub fn learn(sales: &[&Sale]) -> RegimeTrack {
        let mut months: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
        for s in sales.iter().filter(|s| s.attrs.living_area_sf > 0.0) {
            months
                .entry(month_of(s.sale_date))
                .or_default()
                .push(s.price / s.attrs.living_area_sf);
        }
        let rows = months
            .into_iter()
            .map(|(m, psf)| (m, median(&psf), Some(psf.len() as f64), None));
        RegimeTrack {
            series: MonthlySeries::from_rows(rows),
            cfg: RegimeConfig::default(),
        }
    }

    /// Index of the last whole month before `date`, clamped to the series' last month (the
    /// latest regime is the best guess for later dates); `None` before the series starts.
    pub fn index_before(&self, date: NaiveDate) -> Option<usize> {
        let start = self.series.start?;
        let t = usize::try_from(months_between(start, month_of(date)) - 1).ok()?;
        Some(t.min(self.series.len().checked_sub(1)?))
    }

    /// Whether the market was moving in month `t`; `None` when the detector cannot judge it.
    pub fn moving_at(&self, t: usize) -> Option<bool> {
        let regime = regime_at(&self.series, t, &self.cfg).ok()?;
        Some(regime.label != Label::Stable)
    }

    pub fn len(&self) -> usize {
        self.series.len()
    }
}

/// The interval's regime rule: in a month the detector calls moving, the interval is the
/// envelope of the pooled calibration and one from the held-out sales of moving months alone
/// (when there are enough of them), so it widens when moving markets were harder and never
/// narrows; calm or unknown months use the pooled calibration.
#[derive(Debug, Clone)]
pub(crate) struct RegimeIntervals {
    track: RegimeTrack,
    moving: Option<Calibration>,
    /// The regimes valuations at or after the fit date read: the series' last two months.
    recent: Vec<(usize, Option<bool>)>,
}

impl RegimeIntervals {
    /// `scored`: (sale date, score) of each held-out sale; the moving months' scores get a
    /// calibration of their own when there are at least `min_scores` of them. `None` when
    /// `min_scores` is 0 (the rule is off).
    pub fn learn(
        track: RegimeTrack,
        scored: &[(NaiveDate, f64)],
        pooled: Option<&Calibration>,
        level: f64,
        min_scores: usize,
    ) -> Option<RegimeIntervals> {
        if min_scores == 0 {
            return None;
        }
        let mut months: BTreeMap<usize, Option<bool>> = BTreeMap::new();
        let mut moving = Vec::new();
        for &(date, score) in scored {
            let Some(t) = track.index_before(date) else {
                continue;
            };
            if *months.entry(t).or_insert_with(|| track.moving_at(t)) == Some(true) {
                moving.push(score);
            }
        }
        let moving = (moving.len() >= min_scores)
            .then(|| Calibration::from_scores(moving, level))
            .flatten()
            .map(|m| pooled.map_or_else(|| m.clone(), |p| p.envelope(&m)));
        let recent = (track.len().saturating_sub(2)..track.len())
            .map(|t| (t, months.get(&t).copied().unwrap_or_else(|| track.moving_at(t))))
            .collect();
        Some(RegimeIntervals { track, moving, recent })
    }

    /// Whether the market was moving in the last whole month before `as_of`; `None` when unknown.
    pub fn moving_before(&self, as_of: NaiveDate) -> Option<bool> {
        let t = self.track.index_before(as_of)?;
        match self.recent.iter().find(|r| r.0 == t) {
            Some(r) => r.1,
            None => self.track.moving_at(t),
        }
    }

    /// The calibration of moving months (the envelope), when there were enough of them.
    pub fn moving(&self) -> Option<&Calibration> {
        self.moving.as_ref()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
