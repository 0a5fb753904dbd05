//! Discounted cash flow engine (docs/dcf.md): monthly ledger, leases and rollover, debt,
//! reversion and returns, plus Monte Carlo, sensitivity grids, loan sizing and the maximum bid
//! (docs/deal-sizing.md) built on the same engine.

mod checks;
mod commercial;
mod debt;
mod engine;
mod error;
pub mod golden;
mod golden_compare;
mod input;
mod irr;
mod json_path;
mod knobs;
mod ledger;
mod loan_sizing;
mod max_bid;
mod model;
mod montecarlo;
mod montecarlo_dist;
mod montecarlo_stats;
mod multifamily;
mod output;
mod returns;
mod sensitivity;
mod validate;
mod validate_commercial;

pub use commercial::round_half_up;
pub use debt::level_payment;
pub use error::DcfError;
pub use input::{
    RawDcfInput, RawExpense, RawHazard, RawKind, RawLease, RawLoan, RawMarketLeasing, RawMultifamily, RawRecovery,
    RawUnitType,
};
pub use irr::{Irr, irr, npv};
pub use loan_sizing::{Constraint, LoanProgram, LoanSizing, size_loan};
pub use max_bid::{MaxBid, NoBid, Target, Targets, max_bid};
pub use model::DcfInput;
pub use montecarlo::{MonteCarloResult, MonteCarloSpec, monte_carlo, monte_carlo_until};
pub use montecarlo_dist::Dist;
pub use montecarlo_stats::{Histogram, Summary};
pub use output::{DcfResult, MonthRow, ValueOptions, YearRow};
pub use sensitivity::{Grid, GridCell, SensitivityResult, SensitivitySpec, sensitivity, sensitivity_until};

/// Version of the engine's conventions, recorded with every saved DCF valuation.
pub const MODEL_VERSION: &str = "dcf-1.0";

/// Values one property as of docs/dcf.md.
pub fn value(input: &DcfInput) -> Result<DcfResult, DcfError> {
    value_with_options(input, ValueOptions::default())
}

/// Like `value`, optionally with the monthly ledger.
pub fn value_with_options(input: &DcfInput, options: ValueOptions) -> Result<DcfResult, DcfError> {
    Ok(engine::run(input, &knobs::Knobs::of(input), options))
}

#[cfg(test)]
mod tests;
