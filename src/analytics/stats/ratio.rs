//! IAAO ratio-study metrics of estimates against sale prices (ratio r = estimate / price):
//! MdAPE, PPE10, median ratio, COD, PRD, PRB and interval coverage.

use serde::Serialize;

/// Why a ratio study could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    #[error("no observations")]
    Empty,
    #[error("`{field}` has {found} values, expected {expected}")]
    LengthMismatch {
        field: &'static str,
        found: usize,
        expected: usize,
    },
    #[error("`{field}[{index}]` must be finite and > 0")]
    NotPositive { field: &'static str, index: usize },
}

/// Ratio-study summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioStudy {
    pub n: usize,
    /// Median |r − 1|.
    pub mdape: f64,
    /// Share of |r − 1| < 10 %.
    pub ppe10: f64,
    pub median_ratio: f64,
    /// 100 · mean |r − median| / median.
    pub cod: f64,
    /// mean(r) / (Σ estimate / Σ price).
    pub prd: f64,
    /// Slope of (r − med)/med on log2((estimate/med + price)/2).
    /// `None` when fewer than two observations or no spread in value.
    pub prb: Option<f64>,
    /// Share of prices inside [low, high], when intervals are given.
    pub coverage: Option<f64>,
}

/// Median of a non-empty slice (mean of the middle two for even length).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    })
}

fn check(field: &'static str, v: &[f64]) -> Result<(), StatsError> {
    match v.iter().position(|x| !x.is_finite() || *x <= 0.0) {
        Some(index) => Err(StatsError::NotPositive { field, index }),
        None => Ok(()),
    }
}

/// Coefficient of dispersion of ratios, in percent.
pub fn cod(ratios: &[f64]) -> Option<f64> {
    let med = median(ratios)?;
    let mad = ratios.iter().map(|r| (r - med).abs()).sum::<f64>() / ratios.len() as f64;
    Some(100.0 * mad / med)
}

/// Price-related differential.
pub fn prd(estimates: &[f64], prices: &[f64]) -> Option<f64> {
    if estimates.is_empty() || estimates.len() != prices.len() {
        return None;
    }
    let mean_ratio = estimates.iter().zip(prices).map(|(e, p)| e / p).sum::<f64>() / estimates.len() as f64;
    Some(mean_ratio / (estimates.iter().sum::<f64>() / prices.iter().sum::<f64>()))
}

/// Price-related bias (IAAO): OLS slope of percentage deviation from the median ratio on the
/// base-2 log of a value proxy that averages the estimate (scaled to price level) and the price.
pub fn prb(estimates: &[f64], prices: &[f64]) -> Option<f64> {
    if estimates.len() < 2 || estimates.len() != prices.len() {
        return None;
    }
    let ratios: Vec<f64> = estimates.iter().zip(prices).map(|(e, p)| e / p).collect();
    let med = median(&ratios)?;
    let y: Vec<f64> = ratios.iter().map(|r| (r - med) / med).collect();
    let x: Vec<f64> = estimates
        .iter()
        .zip(prices)
        .map(|(e, p)| (0.5 * e / med + 0.5 * p).log2())
        .collect();
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxx: f64 = x.iter().map(|v| (v - mx).powi(2)).sum();
    let sxy: f64 = x.iter().zip(&y).map(|(a, b)| (a - mx) * (b - my)).sum();
    if sxx > 0.0 { Some(sxy / sxx) } else { None }
}

/// The same regression forced through the origin, as ccao-data/assesspy fits it. Kept only to
/// cross-check the inputs against that library's published IAAO-sample value; the intercept-free
/// slope mostly reflects mean deviation / mean log value, so [`prb`] is what reports use.
pub fn prb_through_origin(estimates: &[f64], prices: &[f64]) -> Option<f64> {
    let ratios: Vec<f64> = estimates.iter().zip(prices).map(|(e, p)| e / p).collect();
    let med = median(&ratios)?;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for ((e, p), r) in estimates.iter().zip(prices).zip(&ratios) {
        let x = (0.5 * e / med + 0.5 * p).log2();
        sxy += x * (r - med) / med;
        sxx += x * x;
    }
    if sxx > 0.0 { Some(sxy / sxx) } else { None }
}

/// Full ratio study; `intervals` (low, high) per observation adds coverage.
pub fn ratio_study(
    estimates: &[f64],
    prices: &[f64],
    intervals: Option<&[(f64, f64)]>,
) -> Result<RatioStudy, StatsError> {
    if estimates.is_empty() {
        return Err(StatsError::Empty);
    }
    if prices.len() != estimates.len() {
        return Err(StatsError::LengthMismatch {
            field: "prices",
            found: prices.len(),
            expected: estimates.len(),
        });
    }
    check("estimates", estimates)?;
    check("prices", prices)?;
    let ratios: Vec<f64> = estimates.iter().zip(prices).map(|(e, p)| e / p).collect();
    let ape: Vec<f64> = ratios.iter().map(|r| (r - 1.0).abs()).collect();
    let n = ratios.len();
    let coverage = match intervals {
        Some(iv) if iv.len() != n => {
            return Err(StatsError::LengthMismatch {
                field: "intervals",
                found: iv.len(),
                expected: n,
            });
        }
        Some(iv) => Some(
            iv.iter()
                .zip(prices)
                .filter(|((lo, hi), p)| lo <= p && *p <= hi)
                .count() as f64
                / n as f64,
        ),
        None => None,
    };
    Ok(RatioStudy {
        n,
        mdape: median(&ape).ok_or(StatsError::Empty)?,
        ppe10: ape.iter().filter(|a| **a < 0.10).count() as f64 / n as f64,
        median_ratio: median(&ratios).ok_or(StatsError::Empty)?,
        cod: cod(&ratios).ok_or(StatsError::Empty)?,
        prd: prd(estimates, prices).ok_or(StatsError::Empty)?,
        prb: prb(estimates, prices),
        coverage,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
