//! Deal-sizing types (docs/deal-sizing.md): `LoanProgram`, its input, `LoanSizing`, `MaxBid`,
//! `LenderFit`, and the inputs of `sizeLoan`, `maxBid` and `lenderFit`.
use super::dcf::DcfResult;
use super::dcf_input::DcfInputGql;
use super::dcf_stored::DcfAssumptionsInput;
use crate::analytics::dcf;
use crate::services::deal_sizing::Fit;
use crate::services::loan_programs::ProgramFields;
use async_graphql::{Enum, ID, InputObject, Object, SimpleObject};
use reos_entities::loan_program;

/// A lender program of the caller's tenant.
pub struct LoanProgram(pub loan_program::Model);

#[Object]
impl LoanProgram {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn lender(&self) -> &str {
        &self.0.lender
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Loan ≤ maxLtv × price.
    async fn max_ltv(&self) -> Option<f64> {
        self.0.max_ltv
    }
    /// Year-1 NOI ÷ (loan × loan constant) ≥ minDscr.
    async fn min_dscr(&self) -> Option<f64> {
        self.0.min_dscr
    }
    /// Year-1 NOI ÷ loan ≥ minDebtYield.
    async fn min_debt_yield(&self) -> Option<f64> {
        self.0.min_debt_yield
    }
    async fn rate(&self) -> f64 {
        self.0.rate
    }
    /// Null or 0: interest-only.
    async fn amortization_years(&self) -> Option<f64> {
        self.0.amortization_years
    }
    async fn io_months(&self) -> i32 {
        self.0.io_months
    }
    async fn fee_pct(&self) -> f64 {
        self.0.fee_pct
    }
    async fn term_years(&self) -> Option<f64> {
        self.0.term_years
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    /// Annual debt service per dollar of loan that the DSCR test uses.
    async fn loan_constant(&self) -> f64 {
        crate::services::loan_programs::to_engine(&self.0).loan_constant()
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

/// A loan program's terms. `lender` and `name` are required to store one; at least one of
/// `maxLtv`, `minDscr` and `minDebtYield` is always required.
#[derive(InputObject, Clone)]
pub struct LoanProgramInput {
    pub lender: Option<String>,
    pub name: Option<String>,
    pub max_ltv: Option<f64>,
    pub min_dscr: Option<f64>,
    pub min_debt_yield: Option<f64>,
    pub rate: f64,
    /// Null or 0: interest-only for the whole hold.
    pub amortization_years: Option<f64>,
    #[graphql(default)]
    pub io_months: i32,
    #[graphql(default)]
    pub fee_pct: f64,
    pub term_years: Option<f64>,
    pub notes: Option<String>,
}

impl LoanProgramInput {
    pub fn to_fields(&self) -> ProgramFields {
        ProgramFields {
            lender: self.lender.clone().unwrap_or_default(),
            name: self.name.clone().unwrap_or_default(),
            max_ltv: self.max_ltv,
            min_dscr: self.min_dscr,
            min_debt_yield: self.min_debt_yield,
            rate: self.rate,
            amortization_years: self.amortization_years,
            io_months: self.io_months,
            fee_pct: self.fee_pct,
            term_years: self.term_years,
            notes: self.notes.clone(),
        }
    }
}

/// The sizing test that set a loan's amount.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum LoanConstraint {
    Ltv,
    Dscr,
    DebtYield,
}

impl From<dcf::Constraint> for LoanConstraint {
    fn from(c: dcf::Constraint) -> Self {
        match c {
            dcf::Constraint::Ltv => LoanConstraint::Ltv,
            dcf::Constraint::Dscr => LoanConstraint::Dscr,
            dcf::Constraint::DebtYield => LoanConstraint::DebtYield,
        }
    }
}

/// The target that sets a maximum bid.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum MaxBidTarget {
    LeveredIrr,
    UnleveredIrr,
    EquityMultiple,
    MaxEquity,
}

impl From<dcf::Target> for MaxBidTarget {
    fn from(t: dcf::Target) -> Self {
        match t {
            dcf::Target::LeveredIrr => MaxBidTarget::LeveredIrr,
            dcf::Target::UnleveredIrr => MaxBidTarget::UnleveredIrr,
            dcf::Target::EquityMultiple => MaxBidTarget::EquityMultiple,
            dcf::Target::MaxEquity => MaxBidTarget::MaxEquity,
        }
    }
}

/// The loan a program gives at one price.
#[derive(SimpleObject)]
pub struct LoanSizing {
    pub price: f64,
    /// The sized loan; 0 when no positive loan passes the tests.
    pub amount: f64,
    pub binding: LoanConstraint,
    pub ltv_limit: Option<f64>,
    pub dscr_limit: Option<f64>,
    pub debt_yield_limit: Option<f64>,
    pub loan_constant: f64,
    pub noi_year1: f64,
    /// amount ÷ price.
    pub ltv: f64,
    /// Year-1 NOI ÷ year-1 debt service of the actual schedule.
    pub dscr_year1: Option<f64>,
    /// Year-1 NOI ÷ amount.
    pub debt_yield: Option<f64>,
    pub fee: f64,
}

impl From<dcf::LoanSizing> for LoanSizing {
    fn from(s: dcf::LoanSizing) -> Self {
        LoanSizing {
            price: s.price,
            amount: s.amount,
            binding: s.binding.into(),
            ltv_limit: s.limits.ltv,
            dscr_limit: s.limits.dscr,
            debt_yield_limit: s.limits.debt_yield,
            loan_constant: s.loan_constant,
            noi_year1: s.noi_year1,
            ltv: s.ltv,
            dscr_year1: s.dscr_year1,
            debt_yield: s.debt_yield,
            fee: s.fee,
        }
    }
}

/// `sizeLoan`'s answer: the sizing and the DCF with that loan at that price.
#[derive(SimpleObject)]
pub struct SizedLoan {
    pub sizing: LoanSizing,
    pub dcf: DcfResult,
}

/// The largest price meeting every target, and everything at that price.
#[derive(SimpleObject)]
pub struct MaxBid {
    pub max_price: f64,
    pub binding_target: MaxBidTarget,
    pub loan_amount: f64,
    /// Null without a program.
    pub loan_binding: Option<LoanConstraint>,
    pub levered_irr: Option<f64>,
    pub unlevered_irr: Option<f64>,
    pub equity_multiple: Option<f64>,
    pub going_in_cap_rate: f64,
    pub equity: f64,
    pub noi_year1: f64,
    pub sizing: Option<LoanSizing>,
    /// The price at which the going-in cap rate is 1% (the top of the search).
    pub sanity_bound: f64,
    pub engine_runs: i32,
    pub dcf: DcfResult,
}

impl From<dcf::MaxBid> for MaxBid {
    fn from(b: dcf::MaxBid) -> Self {
        MaxBid {
            max_price: b.max_price,
            binding_target: b.binding_target.into(),
            loan_amount: b.loan_amount,
            loan_binding: b.loan_binding.map(Into::into),
            levered_irr: b.levered_irr,
            unlevered_irr: b.unlevered_irr,
            equity_multiple: b.equity_multiple,
            going_in_cap_rate: b.going_in_cap_rate,
            equity: b.equity,
            noi_year1: b.noi_year1,
            sizing: b.sizing.map(Into::into),
            sanity_bound: b.sanity_bound,
            engine_runs: i32::try_from(b.engine_runs).unwrap_or(i32::MAX),
            dcf: b.dcf.into(),
        }
    }
}

/// One program's fit.
#[derive(SimpleObject)]
pub struct ProgramFit {
    pub program: LoanProgram,
    pub sizing: LoanSizing,
    /// Equity at close with the sized loan.
    pub equity: f64,
    pub levered_irr: Option<f64>,
    /// Each test the requested loan fails, e.g. "DSCR 1.18 < 1.25 at the requested loan".
    pub failures: Vec<String>,
    /// True when the requested loan (if any) passes every test.
    pub fits: bool,
}

impl From<Fit> for ProgramFit {
    fn from(f: Fit) -> Self {
        ProgramFit {
            fits: f.failures.is_empty(),
            program: LoanProgram(f.program),
            sizing: f.sizing.into(),
            equity: f.equity,
            levered_irr: f.levered_irr,
            failures: f.failures,
        }
    }
}

/// `lenderFit`'s answer: the price and requested loan used, and every program, most proceeds first.
#[derive(SimpleObject)]
pub struct LenderFit {
    pub price: f64,
    pub requested_loan: Option<f64>,
    pub programs: Vec<ProgramFit>,
}

/// Return and equity targets; at least one.
#[derive(InputObject)]
pub struct MaxBidTargetsInput {
    pub levered_irr: Option<f64>,
    pub unlevered_irr: Option<f64>,
    pub equity_multiple: Option<f64>,
    pub max_equity: Option<f64>,
}

/// What to size: exactly one of `propertyId` (with optional `assumptions`) and `dcfInput`
/// (its `purchasePrice` is replaced by each price tried); the program inline or by `programId`.
#[derive(InputObject)]
pub struct SizeLoanInput {
    pub property_id: Option<ID>,
    pub dcf_input: Option<DcfInputGql>,
    pub assumptions: Option<DcfAssumptionsInput>,
    pub price: f64,
    pub program: Option<LoanProgramInput>,
    pub program_id: Option<ID>,
}

/// What to bid on (as `SizeLoanInput`), the optional program (no loan without one) and targets.
#[derive(InputObject)]
pub struct MaxBidInput {
    pub property_id: Option<ID>,
    pub dcf_input: Option<DcfInputGql>,
    pub assumptions: Option<DcfAssumptionsInput>,
    pub program: Option<LoanProgramInput>,
    pub program_id: Option<ID>,
    pub targets: MaxBidTargetsInput,
}

/// A stored property; `price` defaults to its purchase (else list) price, `loanAmount` (the
/// requested loan checked against each program) to its stored loan.
#[derive(InputObject)]
pub struct LenderFitInput {
    pub property_id: ID,
    pub price: Option<f64>,
    pub loan_amount: Option<f64>,
}

impl MaxBidTargetsInput {
    pub fn to_targets(&self) -> dcf::Targets {
        dcf::Targets {
            levered_irr: self.levered_irr,
            unlevered_irr: self.unlevered_irr,
            equity_multiple: self.equity_multiple,
            max_equity: self.max_equity,
        }
    }
}
