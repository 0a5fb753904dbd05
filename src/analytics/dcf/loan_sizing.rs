//! Loan programs and loan sizing (docs/deal-sizing.md): the loan constant, each constraint's limit
//! at a price, the binding one, and an engine run at a price with the sized loan.

use serde::{Deserialize, Serialize};

use super::debt;
use super::error::DcfError;
use super::knobs::Knobs;
use super::ledger;
use super::model::{DcfInput, Loan};
use super::output::{DcfResult, ValueOptions};
use super::returns;

/// A lender's sizing terms (docs/deal-sizing.md). Check with [`LoanProgram::validate`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoanProgram {
    pub max_ltv: Option<f64>,
    pub min_dscr: Option<f64>,
    pub min_debt_yield: Option<f64>,
    pub rate: f64,
    /// None or 0: interest-only.
    pub amortization_years: Option<f64>,
    pub io_months: Option<f64>,
    pub fee_pct: Option<f64>,
    pub term_years: Option<f64>,
    pub lender: Option<String>,
    pub notes: Option<String>,
}

/// The sizing test that set the loan amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Constraint {
    #[serde(rename = "LTV")]
    Ltv,
    #[serde(rename = "DSCR")]
    Dscr,
    #[serde(rename = "DEBT_YIELD")]
    DebtYield,
}

impl Constraint {
    pub fn as_str(self) -> &'static str {
        match self {
            Constraint::Ltv => "LTV",
            Constraint::Dscr => "DSCR",
            Constraint::DebtYield => "DEBT_YIELD",
        }
    }
}

/// The loan a program gives at one price, and its metrics at that loan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoanSizing {
    pub price: f64,
    /// The sized loan; 0 when no positive loan passes the tests.
    pub amount: f64,
    pub binding: Constraint,
    pub limits: Limits,
    /// Annual debt service per dollar of loan used by the DSCR test.
    pub loan_constant: f64,
    pub noi_year1: f64,
    /// amount ÷ price.
    pub ltv: f64,
    /// Year-1 NOI ÷ year-1 debt service of the actual schedule; None without debt service.
    pub dscr_year1: Option<f64>,
    /// Year-1 NOI ÷ amount; None without a loan.
    pub debt_yield: Option<f64>,
    pub fee: f64,
}

/// Each sizing test's loan limit at one price; None when the program has no such test (or, for
/// DSCR, when the loan constant is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    #[serde(rename = "LTV", skip_serializing_if = "Option::is_none")]
    pub ltv: Option<f64>,
    #[serde(rename = "DSCR", skip_serializing_if = "Option::is_none")]
    pub dscr: Option<f64>,
    #[serde(rename = "DEBT_YIELD", skip_serializing_if = "Option::is_none")]
    pub debt_yield: Option<f64>,
}

/// A share in (0, 1] or a positive number, named under `program.`.
fn check(value: Option<f64>, field: &str, ok: fn(f64) -> bool, rule: &str) -> Result<(), DcfError> {
    match value {
        Some(v) if !v.is_finite() || !ok(v) => {
            Err(DcfError::invalid(format!("program.{field}"), format!("{v} {rule}")))
        }
        _ => Ok(()),
    }
}

impl LoanProgram {
    /// Refuses values outside docs/deal-sizing.md's ranges, naming the field.
    pub fn validate(&self) -> Result<(), DcfError> {
        check(self.max_ltv, "max_ltv", |v| v > 0.0 && v <= 1.0, "must lie in (0, 1]")?;
        check(self.min_dscr, "min_dscr", |v| v > 0.0, "must be positive")?;
        check(self.min_debt_yield, "min_debt_yield", |v| v > 0.0, "must be positive")?;
        check(
            Some(self.rate),
            "rate",
            |v| (0.0..1.0).contains(&v),
            "must lie in [0, 1)",
        )?;
        check(
            self.amortization_years,
            "amortization_years",
            |v| (0.0..=100.0).contains(&v),
            "must lie in [0, 100]",
        )?;
        check(
            self.io_months,
            "io_months",
            |v| v.fract() == 0.0 && (0.0..=1200.0).contains(&v),
            "must be a whole number of months in [0, 1200]",
        )?;
        check(
            self.fee_pct,
            "fee_pct",
            |v| (0.0..1.0).contains(&v),
            "must lie in [0, 1)",
        )?;
        check(
            self.term_years,
            "term_years",
            |v| v > 0.0 && v <= 100.0,
            "must lie in (0, 100]",
        )?;
        if let Some(y) = self.amortization_years
            && y > 0.0
            && (y * 12.0).fract() != 0.0
        {
            return Err(DcfError::invalid(
                "program.amortization_years",
                format!("{y} years is not a whole number of months"),
            ));
        }
        if self.max_ltv.is_none() && self.min_dscr.is_none() && self.min_debt_yield.is_none() {
            return Err(DcfError::invalid(
                "program",
                "needs at least one of max_ltv, min_dscr and min_debt_yield (it would lend without bound)",
            ));
        }
        if self.max_ltv.is_none() && self.min_debt_yield.is_none() && self.loan_constant() == 0.0 {
            return Err(DcfError::invalid(
                "program.min_dscr",
                "sets no limit on a 0% interest-only loan: add max_ltv or min_debt_yield",
            ));
        }
        Ok(())
    }

    fn amortization_months(&self) -> Option<u32> {
        self.amortization_years
            .filter(|y| *y > 0.0)
            .map(|y| (y * 12.0).round() as u32)
    }

    /// Annual loan constant: 12 × the level monthly payment per dollar, or the rate when
    /// interest-only.
    pub fn loan_constant(&self) -> f64 {
        match self.amortization_months() {
            Some(n) => 12.0 * debt::level_payment(1.0, self.rate, n),
            None => self.rate,
        }
    }

    /// Each limit at `price` with year-1 NOI `noi`, the smallest and which gave it.
    fn limits(&self, price: f64, noi: f64) -> (f64, Constraint, Limits) {
        let c = self.loan_constant();
        let ltv = self.max_ltv.map(|x| x * price);
        let dscr = self.min_dscr.filter(|_| c > 0.0).map(|d| noi / (d * c));
        let dy = self.min_debt_yield.map(|y| noi / y);
        let mut best: Option<(f64, Constraint)> = None;
        for (limit, which) in [
            (ltv, Constraint::Ltv),
            (dscr, Constraint::Dscr),
            (dy, Constraint::DebtYield),
        ] {
            if let Some(v) = limit
                && best.is_none_or(|(b, _)| v < b)
            {
                best = Some((v, which));
            }
        }
        // Only a program `validate` refuses (no finite limit) gets here without one.
        let (amount, binding) = best.unwrap_or((f64::INFINITY, Constraint::Dscr));
        (
            amount,
            binding,
            Limits {
                ltv,
                dscr,
                debt_yield: dy,
            },
        )
    }

    /// The engine loan for `amount`; interest-only programs stay interest-only for the whole hold.
    fn engine_loan(&self, amount: f64, hold_years: u32) -> Loan {
        let (amortization_months, io_months) = match self.amortization_months() {
            Some(n) => (n, self.io_months.unwrap_or(0.0) as u32),
            None => (360, 12 * hold_years),
        };
        Loan {
            amount,
            rate: self.rate,
            amortization_months,
            io_months,
            fee_pct: self.fee_pct.unwrap_or(0.0),
        }
    }
}

/// An engine run at `price` with `program`'s loan sized at that price (no loan without a
/// program); the input's own loan is ignored.
pub(super) fn run_at(
    input: &DcfInput,
    price: f64,
    program: Option<&LoanProgram>,
    options: ValueOptions,
) -> (DcfResult, Option<LoanSizing>) {
    let mut priced = input.clone();
    priced.purchase_price = price;
    priced.loan = None;
    let k = Knobs::of(&priced);
    let ledger = ledger::build(&priced, &k);
    let noi: f64 = ledger.noi[..12].iter().sum();
    let sized = program.map(|p| {
        let (limit, binding, limits) = p.limits(price, noi);
        (p, limit.max(0.0), binding, limits)
    });
    priced.loan = sized
        .as_ref()
        .filter(|(_, amount, _, _)| *amount > 0.0 && amount.is_finite())
        .map(|(p, amount, _, _)| p.engine_loan(*amount, priced.hold_years));
    let schedule = priced.loan.map(|l| debt::schedule(&l, 12 * priced.hold_years as usize));
    let result = returns::assemble(&priced, &k, &ledger, schedule.as_ref(), options);
    let sizing = sized.map(|(p, amount, binding, limits)| {
        let service = result.years[0].debt_service;
        LoanSizing {
            price,
            amount,
            binding,
            limits,
            loan_constant: p.loan_constant(),
            noi_year1: noi,
            ltv: amount / price,
            dscr_year1: (service > 0.0).then(|| noi / service),
            debt_yield: (amount > 0.0).then(|| noi / amount),
            fee: amount * p.fee_pct.unwrap_or(0.0),
        }
    });
    (result, sizing)
}

/// The loan `program` sizes for `input` at `price`, with the DCF at that price and loan.
pub fn size_loan(input: &DcfInput, price: f64, program: &LoanProgram) -> Result<(LoanSizing, DcfResult), DcfError> {
    program.validate()?;
    if !(price.is_finite() && price > 0.0) {
        return Err(DcfError::invalid("price", format!("{price} must be a positive number")));
    }
    let (result, sizing) = run_at(input, price, Some(program), ValueOptions::default());
    sizing
        .map(|s| (s, result))
        .ok_or_else(|| DcfError::invalid("program", "gave no sizing"))
}

#[cfg(test)]
mod tests;
