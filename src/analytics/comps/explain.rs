//! Explanations: per-comp adjustment waterfalls and the subject's per-attribute contributions.

use chrono::NaiveDate;
use serde::Serialize;

use super::hedonic::HedonicModel;

/// One step of a comp's adjustment waterfall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adjustment {
    pub attribute: String,
    pub subject_value: String,
    pub comp_value: String,
    /// Log-price adjustment this attribute applies.
    pub log_effect: f64,
    /// Dollar change at this step of the waterfall (steps sum to adjusted − sale price).
    pub effect_usd: f64,
}

/// A comparable sale as used in a valuation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompUsed {
    pub sale_id: String,
    pub sale_date: NaiveDate,
    pub price: f64,
    pub distance_km: f64,
    pub days_before: i64,
    /// Attribute-similarity kernel factor (1 = identical after weighting by price impact).
    pub similarity: f64,
    /// Normalized reconciliation weight (weights of the used comps sum to 1).
    pub weight: f64,
    pub adjusted_price: f64,
    pub adjustments: Vec<Adjustment>,
}

/// What one attribute adds to the subject's hedonic value, relative to a typical home in the
/// model's base market month; the last entry carries the comps' correction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub attribute: String,
    pub value: String,
    pub log_effect: f64,
    pub effect_usd: f64,
}

/// Per-attribute log effect of `beta · (a − b)`, in design order, intercept excluded.
pub fn group_effects(h: &HedonicModel, a: &[f64], b: &[f64]) -> Vec<(&'static str, f64)> {
    let mut out: Vec<(&'static str, f64)> = Vec::new();
    for (j, attr) in h.design.attributes.iter().enumerate().skip(1) {
        let e = h.beta[j] * (a[j] - b[j]);
        match out.iter_mut().find(|(name, _)| name == attr) {
            Some((_, sum)) => *sum += e,
            None => out.push((attr, e)),
        }
    }
    out
}

/// Applies log effects one after another to `start`, recording the dollar change of each step.
pub fn waterfall(start: f64, steps: &[(String, String, String, f64)]) -> Vec<Adjustment> {
    let mut log_p = start.ln();
    steps
        .iter()
        .map(|(attribute, subject_value, comp_value, e)| {
            let before = log_p.exp();
            log_p += e;
            Adjustment {
                attribute: attribute.clone(),
                subject_value: subject_value.clone(),
                comp_value: comp_value.clone(),
                log_effect: *e,
                effect_usd: log_p.exp() - before,
            }
        })
        .collect()
}

/// Contribution list from a baseline value through `(attribute, value, log_effect)` steps.
pub fn contributions(baseline: f64, steps: &[(String, String, f64)]) -> Vec<Contribution> {
    let mut log_p = baseline.ln();
    steps
        .iter()
        .map(|(attribute, value, e)| {
            let before = log_p.exp();
            log_p += e;
            Contribution {
                attribute: attribute.clone(),
                value: value.clone(),
                log_effect: *e,
                effect_usd: log_p.exp() - before,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
