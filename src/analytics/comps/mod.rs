//! Comp-Critic: comparable-sales valuation with a robust hedonic adjustment model,
//! calibrated intervals and a per-comp explanation.

pub mod backtest;
pub mod columns;
pub mod config;
pub mod csv;
pub mod explain;
pub mod features;
pub mod hedonic;
pub mod index;
pub mod interval;
mod linalg;
pub mod market_time;
pub mod model;
pub mod plot;
pub mod reconcile;
mod regime;
mod report;
pub mod rolling;
pub mod sale;
#[cfg(test)]
pub(crate) mod testdata;
mod trees;
mod valuation;
pub mod weights;

pub use backtest::{Backtest, BacktestPrediction, backtest_subjects, run_backtest, run_backtest_with_progress};
pub use config::{CompConfig, Reconcile};
pub use explain::{Adjustment, CompUsed, Contribution};
pub use model::{CompModel, CompValuation, MODEL_VERSION};
pub use sale::{Attributes, Sale, Subject};

/// `2261` → `2,261`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Why a fit or a valuation could not be produced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompError {
    /// Comps must share the subject's property type: says which type had none, and how many
    /// earlier sales of other types there were.
    #[error(
        "no comparable `{property_type}` sales before {as_of} ({} earlier sales, none of type `{property_type}`)",
        thousands(*.prior)
    )]
    NoCandidates {
        property_type: String,
        as_of: chrono::NaiveDate,
        /// Comparable sales before `as_of` of any type.
        prior: usize,
    },
    #[error("too few prior sales to fit the model: {found} found, {needed} needed")]
    TooFewSales { found: usize, needed: usize },
    #[error("invalid subject field `{field}`: {reason}")]
    InvalidSubject { field: String, reason: String },
    #[error("valuation date {as_of} precedes the model's fit date {fitted}")]
    AsOfBeforeFit {
        as_of: chrono::NaiveDate,
        fitted: chrono::NaiveDate,
    },
    #[error("the hedonic normal equations are singular")]
    Singular,
    #[error("invalid backtest window: `from` {from} is after `to` {to}")]
    InvalidWindow {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
}
