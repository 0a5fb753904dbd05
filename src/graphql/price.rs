//! What compute-heavy fields cost, in the units of async-graphql's complexity (a plain field is 1;
//! one unit is roughly 30 µs of engine time). Used in `#[graphql(complexity = …)]` attributes, so
//! the work is known from the arguments before anything runs. Out-of-range arguments are priced
//! at their limit; the resolver then refuses them naming the field.
use crate::graphql::types::dcf_input::DcfInputGql;
use crate::graphql::types::dcf_risk::SensitivitySpecInput;
use crate::graphql::types::dcf_stored::DcfAssumptionsInput;

/// Most Monte Carlo paths one request may ask for.
pub const MAX_PATHS: i32 = 100_000;

/// Hold assumed when a stored property's hold is not known from the arguments.
const DEFAULT_HOLD_YEARS: i32 = 10;
/// Engine runs per unit of work for a ten-year hold of a small property (about 30 µs each).
const RUNS_PER_UNIT_10Y: usize = 6;
/// Rows (leases, unit types, expense lines, leasing profiles) a run handles at the base price.
const ROWS_PER_SIZE: usize = 10;

/// What one engine run works through: its hold and its input rows. A stored property's rows
/// are not known from the arguments; they are priced as a small property.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunSize {
    pub hold_years: Option<i32>,
    pub rows: usize,
}

impl RunSize {
    /// A stored property, valued with the hold its assumption overrides give, if any.
    pub fn stored(assumptions: Option<&DcfAssumptionsInput>) -> Self {
        Self {
            hold_years: assumptions.and_then(|a| a.hold_years),
            rows: 0,
        }
    }

    /// A run of this many years of a small property.
    pub fn years(hold_years: i32) -> Self {
        Self {
            hold_years: Some(hold_years),
            rows: 0,
        }
    }

    /// Units of one run, × 60 (hold years × size factor).
    fn weight(self) -> usize {
        let hold = usize::try_from(self.hold_years.unwrap_or(DEFAULT_HOLD_YEARS).clamp(1, 100)).unwrap_or(1);
        hold.saturating_mul(1 + self.rows / ROWS_PER_SIZE)
    }
}

/// `runs` full engine runs of an input of `size`.
fn runs(runs: usize, size: RunSize) -> usize {
    runs.saturating_mul(size.weight())
        .div_ceil(RUNS_PER_UNIT_10Y * 10)
        .max(1)
}

/// One DCF valuation.
pub fn dcf(size: RunSize) -> usize {
    runs(1, size)
}

/// A Monte Carlo of `paths` runs (priced at most at the 100,000 paths a request may ask for).
pub fn monte_carlo(paths: i32, size: RunSize) -> usize {
    let paths = usize::try_from(paths.clamp(1, MAX_PATHS)).unwrap_or(1);
    runs(paths, size)
}

/// Both sensitivity grids (exit cap × discount rate, rent growth × exit cap), a run per cell.
pub fn sensitivity(spec: Option<&SensitivitySpecInput>, size: RunSize) -> usize {
    const DEFAULT_AXIS: usize = 9;
    const MAX_AXIS: usize = 41;
    let len = |axis: Option<&Vec<f64>>| axis.map_or(DEFAULT_AXIS, |a| a.len().clamp(1, MAX_AXIS));
    let (e, d, r) = match spec {
        Some(s) => (
            len(s.exit_cap_offsets.as_ref()),
            len(s.discount_rate_offsets.as_ref()),
            len(s.rent_growth_offsets.as_ref()),
        ),
        None => (DEFAULT_AXIS, DEFAULT_AXIS, DEFAULT_AXIS),
    };
    runs(e * d + r * e, size)
}

/// Engine runs a maximum bid takes at most in practice (two for the bound, 33 scanned, the
/// root search): docs/deal-sizing.md.
const MAX_BID_RUNS: usize = 80;
/// Programs a lender fit is priced for (one run each).
const LENDER_FIT_PROGRAMS: usize = 50;

/// A maximum bid.
pub fn max_bid(size: RunSize) -> usize {
    runs(MAX_BID_RUNS, size)
}

/// A lender fit: one sizing per stored program.
pub fn lender_fit() -> usize {
    runs(LENDER_FIT_PROGRAMS, RunSize::stored(None))
}

/// The run size of a deal-sizing request: its inline input, else a stored property.
pub fn subject(input: Option<&DcfInputGql>, assumptions: Option<&DcfAssumptionsInput>) -> RunSize {
    input.map_or_else(|| RunSize::stored(assumptions), inline)
}

/// A traversal of `depth` hops (1–4) from one property: the frontier can grow with every hop.
pub fn graph_depth(depth: i32) -> usize {
    let depth = u32::try_from(depth.clamp(1, 4)).unwrap_or(1);
    25 * 4usize.pow(depth)
}

/// A whole-graph algorithm (PageRank, connected components) over the tenant's owners.
pub const WHOLE_GRAPH: usize = 500;
/// A Comp-Critic valuation (model fit on the tenant's sales, cached, then one subject).
pub const COMP_VALUATION: usize = 200;
/// An import: gates, writes and scoring, priced by the inline text (uploads at the base).
pub fn import(text: Option<&String>) -> usize {
    1_000 + text.map_or(0, |t| t.len() / 100)
}

/// What one engine run of this input costs relative to a small property (for pricing work):
/// its hold and its leases, unit types and expense lines, ten of each per unit of size.
pub fn inline(input: &DcfInputGql) -> RunSize {
    let rows = [
        input.leases.as_ref().map_or(0, Vec::len),
        input.unit_mix.as_ref().map_or(0, Vec::len),
        input.expenses.as_ref().map_or(0, Vec::len),
        input.market_leasing.as_ref().map_or(0, Vec::len),
    ];
    RunSize {
        hold_years: Some(input.hold_years),
        rows: rows.iter().sum(),
    }
}

#[cfg(test)]
mod tests;
