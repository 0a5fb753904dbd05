//! Maximum bid (docs/deal-sizing.md): the largest price at which every return and equity target
//! holds with the loan sized at that price, found by a log scan and a bracketing root search over
//! full engine runs.

use serde::{Deserialize, Serialize};

use super::error::DcfError;
use super::loan_sizing::{Constraint, LoanProgram, LoanSizing, run_at};
use super::model::DcfInput;
use super::output::{DcfResult, ValueOptions};

/// Prices scanned between the lower and the sanity bound.
const SCAN: usize = 33;
/// The lower bound is the sanity bound divided by this (a 100% going-in cap rate).
const LOW_RATIO: f64 = 100.0;
/// Going-in cap rate of the sanity bound.
const BOUND_CAP: f64 = 0.01;
/// The root search stops when its bracket is this narrow, relative to the price.
const X_TOL: f64 = 1e-12;
/// At the answer the binding IRR must lie this close to its target (relative for the others).
const CHECK_TOL: f64 = 1e-6;

/// What the bid must achieve; at least one is required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub levered_irr: Option<f64>,
    pub unlevered_irr: Option<f64>,
    pub equity_multiple: Option<f64>,
    pub max_equity: Option<f64>,
}

/// One target of [`Targets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    LeveredIrr,
    UnleveredIrr,
    EquityMultiple,
    MaxEquity,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::LeveredIrr => "levered_irr",
            Target::UnleveredIrr => "unlevered_irr",
            Target::EquityMultiple => "equity_multiple",
            Target::MaxEquity => "max_equity",
        }
    }

    /// How far the run at a price clears the target (≥ 0 holds); −∞ when the metric is undefined.
    fn margin(self, goal: f64, r: &DcfResult) -> f64 {
        let metric = match self {
            Target::LeveredIrr => r.levered_irr,
            Target::UnleveredIrr => r.unlevered_irr,
            Target::EquityMultiple => r.equity_multiple,
            Target::MaxEquity => return goal - equity(r),
        };
        metric.map_or(f64::NEG_INFINITY, |m| m - goal)
    }

    /// The tolerance on the margin at the answer: absolute for IRRs, relative otherwise.
    fn tolerance(self, goal: f64) -> f64 {
        match self {
            Target::LeveredIrr | Target::UnleveredIrr => CHECK_TOL,
            Target::EquityMultiple | Target::MaxEquity => CHECK_TOL * goal.abs().max(1.0),
        }
    }
}

/// Equity at close: the levered time-0 outlay.
fn equity(r: &DcfResult) -> f64 {
    -r.levered_cash_flows[0]
}

impl Targets {
    /// The targets present, checked, in a fixed order.
    fn list(&self) -> Result<Vec<(Target, f64)>, DcfError> {
        let mut out = Vec::new();
        for (t, v) in [
            (Target::LeveredIrr, self.levered_irr),
            (Target::UnleveredIrr, self.unlevered_irr),
            (Target::EquityMultiple, self.equity_multiple),
            (Target::MaxEquity, self.max_equity),
        ] {
            let Some(v) = v else { continue };
            let field = format!("targets.{}", t.as_str());
            let ok = match t {
                Target::LeveredIrr | Target::UnleveredIrr => v > -1.0 && v < 10.0,
                Target::EquityMultiple | Target::MaxEquity => v > 0.0,
            };
            if !v.is_finite() || !ok {
                let rule = match t {
                    Target::LeveredIrr | Target::UnleveredIrr => "must lie in (-1, 10)",
                    _ => "must be positive",
                };
                return Err(DcfError::invalid(field, format!("{v} {rule}")));
            }
            out.push((t, v));
        }
        if out.is_empty() {
            return Err(DcfError::invalid(
                "targets",
                "needs at least one of levered_irr, unlevered_irr, equity_multiple and max_equity",
            ));
        }
        Ok(out)
    }
}

/// Why no maximum bid is returned (stable codes, docs/deal-sizing.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBid {
    NoIncome,
    Unbounded,
    Infeasible,
    NonMonotone,
}

impl NoBid {
    pub fn code(self) -> &'static str {
        match self {
            NoBid::NoIncome => "MAX_BID_NO_INCOME",
            NoBid::Unbounded => "MAX_BID_UNBOUNDED",
            NoBid::Infeasible => "MAX_BID_INFEASIBLE",
            NoBid::NonMonotone => "MAX_BID_NON_MONOTONE",
        }
    }
}

/// The answer at the maximum bid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaxBid {
    pub max_price: f64,
    pub binding_target: Target,
    pub loan_amount: f64,
    pub loan_binding: Option<Constraint>,
    pub levered_irr: Option<f64>,
    pub unlevered_irr: Option<f64>,
    pub equity_multiple: Option<f64>,
    pub going_in_cap_rate: f64,
    pub equity: f64,
    pub noi_year1: f64,
    /// The program's sizing at `max_price`; None without a program.
    pub sizing: Option<LoanSizing>,
    /// The price at which the going-in cap rate is 1% (the search's upper end).
    pub sanity_bound: f64,
    pub engine_runs: u32,
    pub dcf: DcfResult,
}

/// One engine run at a price and each target's margin there.
#[derive(Clone)]
struct Eval {
    price: f64,
    result: DcfResult,
    sizing: Option<LoanSizing>,
    margins: Vec<f64>,
}

struct Search<'a> {
    input: &'a DcfInput,
    program: Option<&'a LoanProgram>,
    targets: Vec<(Target, f64)>,
    runs: u32,
}

impl Search<'_> {
    fn eval(&mut self, price: f64) -> Eval {
        self.runs += 1;
        let (result, sizing) = run_at(self.input, price, self.program, ValueOptions::default());
        let margins = self.targets.iter().map(|(t, g)| t.margin(*g, &result)).collect();
        Eval {
            price,
            result,
            sizing,
            margins,
        }
    }

    /// The price at which the going-in cap on year-1 NOI (else forward NOI) is 1%, from the
    /// affine dependence of NOI on price (the hazard line).
    fn sanity_bound(&mut self) -> Result<f64, DcfError> {
        self.runs += 2;
        let (one, _) = run_at(self.input, 1.0, None, ValueOptions::default());
        let (two, _) = run_at(self.input, 2.0, None, ValueOptions::default());
        for (n1, n2) in [(one.noi_year1, two.noi_year1), (one.forward_noi, two.forward_noi)] {
            let b = n1 - n2;
            let a = n1 + b;
            if a > 0.0 {
                return Ok(a / (BOUND_CAP + b));
            }
        }
        Err(no_bid(
            NoBid::NoIncome,
            "neither year-1 nor forward NOI is positive at any price: there is no cap-rate bound to search under",
        ))
    }

    /// Narrows `[lo, hi]` (target `i` holds at `lo`, fails at `hi`) to `X_TOL` by regula falsi
    /// (Illinois) with a bisection safeguard; returns the feasible end.
    fn refine(&mut self, i: usize, mut lo: Eval, mut hi: Eval) -> Eval {
        let mut side = 0i8;
        for _ in 0..200 {
            if hi.price - lo.price <= X_TOL * hi.price {
                break;
            }
            let (flo, fhi) = (lo.margins[i], hi.margins[i]);
            let mut x = if flo.is_finite() && fhi.is_finite() {
                let (wl, wh) = match side {
                    1 => (flo / 2.0, fhi),
                    -1 => (flo, fhi / 2.0),
                    _ => (flo, fhi),
                };
                lo.price + wl * (hi.price - lo.price) / (wl - wh)
            } else {
                f64::NAN
            };
            // Bisect when interpolation leaves the inner 98% of the bracket (or cannot be done).
            let span = hi.price - lo.price;
            if !(x > lo.price + 0.01 * span && x < hi.price - 0.01 * span) {
                x = lo.price + 0.5 * span;
            }
            let e = self.eval(x);
            if e.margins[i] >= 0.0 {
                side = if side == -1 { 1 } else { -1 };
                lo = e;
            } else {
                side = if side == 1 { -1 } else { 1 };
                hi = e;
            }
        }
        lo
    }
}

/// Where a target stops holding along the scan: `Ok(None)` when it never changes, `Ok(Some(k))`
/// when it changes once, between scanned prices `k − 1` and `k`; `Err(n)` for `n` > 1 changes
/// (its feasible prices are not one interval).
fn flip(holds: &[bool]) -> Result<Option<usize>, usize> {
    let at: Vec<usize> = (1..holds.len()).filter(|&k| holds[k - 1] != holds[k]).collect();
    match at.as_slice() {
        [] => Ok(None),
        [k] => Ok(Some(*k)),
        more => Err(more.len()),
    }
}

fn no_bid(kind: NoBid, message: impl Into<String>) -> DcfError {
    DcfError::NoAnswer {
        code: kind.code(),
        message: message.into(),
    }
}

/// The largest purchase price at which every target holds (docs/deal-sizing.md), with the loan
/// `program` sizes at that price (no loan without one).
pub fn max_bid(input: &DcfInput, targets: &Targets, program: Option<&LoanProgram>) -> Result<MaxBid, DcfError> {
    if let Some(p) = program {
        p.validate()?;
    }
    let mut s = Search {
        input,
        program,
        targets: targets.list()?,
        runs: 0,
    };
    let p_hi = s.sanity_bound()?;
    let scan_lo = p_hi / LOW_RATIO;
    let scan: Vec<Eval> = (0..SCAN)
        .map(|k| {
            let price = if k + 1 == SCAN {
                p_hi
            } else {
                scan_lo * LOW_RATIO.powf(k as f64 / (SCAN - 1) as f64)
            };
            s.eval(price)
        })
        // Prices at which the loan covers the whole cost are outside the question; equity rises
        // with the price, so they are the scan's low end.
        .filter(|e| equity(&e.result) > 0.0)
        .collect();
    let Some(bottom) = scan.first() else {
        return Err(no_bid(
            NoBid::Infeasible,
            "the sized loan covers the whole cost at every scanned price: there is no equity to earn a return on",
        ));
    };
    let p_lo = bottom.price;
    let last = scan.len() - 1;
    let holds = |e: &Eval, i: usize| e.margins[i] >= 0.0;
    let n = s.targets.len();
    if (0..n).all(|i| holds(&scan[last], i)) {
        return Err(no_bid(
            NoBid::Unbounded,
            format!(
                "every price up to {p_hi:.0} (a 1% going-in cap rate) meets the targets: they do not bound the bid"
            ),
        ));
    }
    if let Some(i) = (0..n).find(|&i| !holds(&scan[0], i)) {
        return Err(no_bid(
            NoBid::Infeasible,
            format!(
                "no price meets {}: it fails even at {p_lo:.2} (the bottom of the scan)",
                s.targets[i].0.as_str()
            ),
        ));
    }
    // Each failing target's one flip along the scan; only those flipping first can bind.
    let mut flips = Vec::with_capacity(n);
    for i in 0..n {
        let along: Vec<bool> = scan.iter().map(|e| holds(e, i)).collect();
        let Ok(at) = flip(&along) else {
            return Err(no_bid(
                NoBid::NonMonotone,
                format!(
                    "{} holds on more than one price interval between {p_lo:.2} and {p_hi:.0}: no single maximum bid",
                    s.targets[i].0.as_str()
                ),
            ));
        };
        if let Some(k) = at {
            flips.push((i, k));
        }
    }
    let first = flips.iter().map(|&(_, k)| k).min();
    let mut best: Option<(usize, Eval)> = None;
    for &(i, k) in flips.iter().filter(|(_, k)| Some(*k) == first) {
        let root = s.refine(i, scan[k - 1].clone(), scan[k].clone());
        if best.as_ref().is_none_or(|(_, b)| root.price < b.price) {
            best = Some((i, root));
        }
    }
    let Some((i, at)) = best else {
        // Some target fails at the top of the scan (checked above), so one flips.
        return Err(no_bid(NoBid::Unbounded, "the targets do not bound the bid"));
    };
    let (target, goal) = s.targets[i];
    if at.margins[i].abs() > target.tolerance(goal) {
        return Err(no_bid(
            NoBid::NonMonotone,
            format!(
                "{} jumps across its target near {:.2} (it misses by {:.3e}): no price meets it exactly",
                target.as_str(),
                at.price,
                at.margins[i]
            ),
        ));
    }
    Ok(MaxBid {
        max_price: at.price,
        binding_target: target,
        loan_amount: at.result.loan_amount,
        loan_binding: at.sizing.as_ref().map(|z| z.binding),
        levered_irr: at.result.levered_irr,
        unlevered_irr: at.result.unlevered_irr,
        equity_multiple: at.result.equity_multiple,
        going_in_cap_rate: at.result.going_in_cap_rate,
        equity: equity(&at.result),
        noi_year1: at.result.noi_year1,
        sizing: at.sizing,
        sanity_bound: p_hi,
        engine_runs: s.runs,
        dcf: at.result,
    })
}

#[cfg(test)]
mod tests;
