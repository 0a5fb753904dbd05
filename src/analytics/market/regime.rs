//! A market's regime in a month, read off the detector: how long the current segment of the
//! median price's 12-month change has run, how likely a change was lately, the segment's mean
//! growth and volatility, and a label from documented rules on that growth and its
//! predecessor's (docs/market.md). Also the alarms of each watched series.
use super::bocpd::{Bocpd, BocpdError, Hyper};
use super::series::{MonthlySeries, SeriesKind, standardized};
use serde::Serialize;

/// The detector's settings and the regime rules (`[market]` in the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RegimeConfig {
    pub hyper: Hyper,
    /// An alarm: the MAP run length falls from above this to this or less.
    pub alarm_run_length: usize,
    /// Values a series needs before it is standardized (and watched).
    pub min_history: usize,
    /// Segment growth (mean 12-month log change) within ±this is STABLE.
    pub stable_band: f64,
}

impl Default for RegimeConfig {
    fn default() -> Self {
        Self {
            hyper: Hyper::default(),
            alarm_run_length: 12,
            min_history: 24,
            stable_band: 0.02,
        }
    }
}

/// The regime labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Label {
    Expansion,
    Contraction,
    Recovery,
    Stable,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Expansion, Label::Contraction, Label::Recovery, Label::Stable];

    /// The stored and serialized name (`EXPANSION`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Expansion => "EXPANSION",
            Label::Contraction => "CONTRACTION",
            Label::Recovery => "RECOVERY",
            Label::Stable => "STABLE",
        }
    }

    /// The label a stored name stands for.
    pub fn parse(name: &str) -> Option<Label> {
        Self::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// One month of a watched series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// 1-based index of the observation.
    pub t: usize,
    /// P(this month's value opened a new segment).
    pub p_new: f64,
    /// The most probable run length.
    pub map_run_length: usize,
    /// P(a segment began in the last 3, 6, 12 months).
    pub p_change: [f64; 3],
    /// P(a segment began in the last `alarm_run_length` months): an alarm's probability.
    pub p_recent: f64,
}

/// The detector over one series, month by month (index t is the series' month t).
pub fn track(raw: &[Option<f64>], cfg: &RegimeConfig) -> Result<Vec<Point>, BocpdError> {
    let z = standardized(raw, cfg.min_history);
    let mut d = Bocpd::new(&cfg.hyper)?;
    Ok(z.iter()
        .map(|x| {
            d.observe(*x);
            Point {
                t: d.t(),
                p_new: d.p_new(),
                map_run_length: d.map_run_length(),
                p_change: [3, 6, 12].map(|m| d.p_change_within(m)),
                p_recent: d.p_change_within(cfg.alarm_run_length),
            }
        })
        .collect())
}

/// A month where the MAP run length fell from above `alarm_run_length` to it or below.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Alarm {
    /// Index of the month.
    pub t: usize,
    pub probability: f64,
}

pub fn alarms(points: &[Point], cfg: &RegimeConfig) -> Vec<Alarm> {
    points
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0].map_run_length > cfg.alarm_run_length && w[1].map_run_length <= cfg.alarm_run_length)
        .map(|(i, w)| Alarm {
            t: i + 1,
            probability: w[1].p_recent,
        })
        .collect()
}

/// What one watched series says in the month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesState {
    pub kind: SeriesKind,
    pub p_new: f64,
    pub map_run_length: usize,
    pub p_change: [f64; 3],
}

/// The regime in month t.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regime {
    pub t: usize,
    pub label: Label,
    /// P(r = k) of the median price's series after its t + 1 months, k = 0..=t + 1.
    pub run_length_posterior: Vec<f64>,
    pub map_run_length: usize,
    /// P(a change in the last 3, 6, 12 months).
    pub p_change: [f64; 3],
    /// First month (index) of the current segment: t − max(MAP, 1) + 1.
    pub segment_start: usize,
    /// Mean 12-month log change of the median price over the segment.
    pub segment_growth: f64,
    /// Its sample standard deviation (None with fewer than two values).
    pub segment_volatility: Option<f64>,
    /// The same mean over the segment before (None when the series starts with this one).
    pub predecessor_growth: Option<f64>,
    pub series: Vec<SeriesState>,
}

/// Why there is no regime for the month.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegimeError {
    #[error(transparent)]
    Hyper(#[from] BocpdError),
    #[error("month {0} is outside the series")]
    OutOfRange(usize),
    #[error("the median price has no 12-month change in the current segment yet (a year of history is needed)")]
    NoGrowth,
}

/// Mean and sample sd of the present values of `xs[from..=to]`.
fn mean_sd(xs: &[Option<f64>]) -> Option<(f64, Option<f64>)> {
    let v: Vec<f64> = xs.iter().flatten().copied().collect();
    if v.is_empty() {
        return None;
    }
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let sd = (v.len() > 1).then(|| (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt());
    Some((mean, sd))
}

/// The rules: CONTRACTION below −band; else RECOVERY after a contracting segment; else EXPANSION
/// above +band; else STABLE.
pub fn label(growth: f64, predecessor: Option<f64>, band: f64) -> Label {
    if growth < -band {
        Label::Contraction
    } else if predecessor.is_some_and(|p| p < -band) {
        Label::Recovery
    } else if growth > band {
        Label::Expansion
    } else {
        Label::Stable
    }
}

/// The regime of `series` in month `t`, from data up to t only.
pub fn regime_at(series: &MonthlySeries, t: usize, cfg: &RegimeConfig) -> Result<Regime, RegimeError> {
    if t >= series.len() {
        return Err(RegimeError::OutOfRange(t));
    }
    let mut states = Vec::new();
    let mut price = None;
    for kind in SeriesKind::ALL {
        let raw = series.raw(kind);
        let z = standardized(&raw[..=t], cfg.min_history);
        let mut d = Bocpd::new(&cfg.hyper)?;
        // The MAP run length after each month: the predecessor segment is read off it (the
        // detector is causal, so month p's value is what data up to p alone would give).
        let mut maps = Vec::with_capacity(z.len());
        for x in &z {
            d.observe(*x);
            maps.push(d.map_run_length());
        }
        let state = SeriesState {
            kind,
            p_new: d.p_new(),
            map_run_length: d.map_run_length(),
            p_change: [3, 6, 12].map(|m| d.p_change_within(m)),
        };
        if kind == SeriesKind::MedianPriceYoy {
            price = Some((raw, d, state.clone(), maps));
        }
        states.push(state);
    }
    let Some((raw, d, state, maps)) = price else {
        return Err(RegimeError::NoGrowth);
    };
    let (map_run_length, p_change) = (state.map_run_length, state.p_change);
    let run = map_run_length.max(1);
    let segment_start = (t + 1).saturating_sub(run);
    let (growth, volatility) = mean_sd(&raw[segment_start..=t]).ok_or(RegimeError::NoGrowth)?;
    // The segment before: the MAP run length at its last month, from data up to that month.
    let predecessor = match segment_start.checked_sub(1) {
        Some(p) => {
            let r = maps.get(p).map_or(1, |m| (*m).max(1));
            mean_sd(&raw[(p + 1).saturating_sub(r)..=p]).map(|(m, _)| m)
        }
        None => None,
    };
    Ok(Regime {
        t,
        label: label(growth, predecessor, cfg.stable_band),
        run_length_posterior: d.run_length_posterior(),
        map_run_length,
        p_change,
        segment_start,
        segment_growth: growth,
        segment_volatility: volatility,
        predecessor_growth: predecessor,
        series: states,
    })
}

#[cfg(test)]
mod tests;
