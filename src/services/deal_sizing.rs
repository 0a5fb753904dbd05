//! Deal sizing use cases (docs/deal-sizing.md): a loan sized at a price, the maximum bid, and the
//! fit of every stored lender program, for a stored property or an inline DCF input. The engine
//! runs on the blocking pool; its refusals name the client's fields.
use super::dcf_run::{blocking, engine_error};
use super::loan_programs::{self, check};
use super::property_dcf::Assumptions;
use super::stored_dcf::{prepare, property_error};
use crate::analytics::dcf::{self, DcfError, DcfInput, DcfResult, LoanProgram, LoanSizing, MaxBid, Targets};
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::dcf_inputs;
use reos_entities::loan_program;

/// What to size or bid on: a stored property (with assumption overrides) or an inline input
/// already checked by the caller (its refusals named under `prefix`).
pub enum Subject {
    Property {
        id: String,
        overrides: Assumptions,
    },
    Inline {
        input: DcfInput,
        names: Vec<String>,
        prefix: String,
    },
}

/// Which program: given inline, or stored (by id).
pub enum ProgramRef {
    Inline(LoanProgram),
    Stored(String),
}

/// A validated engine input and how to name its refusals.
struct Prepared {
    input: DcfInput,
    names: Vec<String>,
    prefix: Option<String>,
}

impl Prepared {
    fn error(&self, e: &DcfError) -> ApiError {
        match &self.prefix {
            Some(prefix) => engine_error(e, prefix, &self.names),
            None => property_error(e, &self.names),
        }
    }
}

/// The engine input of `subject`. A stored property without a price is valued at a placeholder
/// price: every sizing or bid replaces it.
async fn prepared(tx: &TenantTx, subject: Subject) -> ApiResult<Prepared> {
    match subject {
        Subject::Inline { input, names, prefix } => Ok(Prepared {
            input,
            names,
            prefix: Some(prefix),
        }),
        Subject::Property { id, overrides } => {
            let mut p = prepare(tx, &id, overrides).await?;
            p.raw.purchase_price = p.raw.purchase_price.or(Some(1.0));
            let input = DcfInput::from_raw(p.raw).map_err(|e| property_error(&e, &p.names))?;
            Ok(Prepared {
                input,
                names: p.names,
                prefix: None,
            })
        }
    }
}

/// The engine program of `r`, checked; stored programs are looked up in the tenant.
async fn program_of(tx: &TenantTx, r: ProgramRef, prefix: &str) -> ApiResult<LoanProgram> {
    let p = match r {
        ProgramRef::Inline(p) => p,
        ProgramRef::Stored(id) => loan_programs::to_engine(&loan_programs::get(tx, &id).await?),
    };
    check(&p, prefix)?;
    Ok(p)
}

/// The loan `program` sizes at `price`, and the DCF with it.
pub async fn size_loan(
    tx: &TenantTx,
    subject: Subject,
    price: f64,
    program: ProgramRef,
) -> ApiResult<(LoanSizing, DcfResult)> {
    if !(price.is_finite() && price > 0.0) {
        return Err(ApiError::bad_input("input.price", "must be a positive number"));
    }
    let program = program_of(tx, program, "input.program").await?;
    let p = prepared(tx, subject).await?;
    let input = p.input.clone();
    let _timer = crate::telemetry::metrics::valuation_timer("size_loan");
    blocking(move || dcf::size_loan(&input, price, &program))
        .await?
        .map_err(|e| p.error(&e))
}

/// The maximum bid under `targets` (no loan without a program).
pub async fn max_bid(
    tx: &TenantTx,
    subject: Subject,
    program: Option<ProgramRef>,
    targets: Targets,
) -> ApiResult<MaxBid> {
    let program = match program {
        Some(r) => Some(program_of(tx, r, "input.program").await?),
        None => None,
    };
    let p = prepared(tx, subject).await?;
    let input = p.input.clone();
    let _timer = crate::telemetry::metrics::valuation_timer("max_bid");
    let result = blocking(move || dcf::max_bid(&input, &targets, program.as_ref())).await?;
    result.map_err(|e| {
        if e.field().starts_with("targets") {
            engine_error(&e, "input", &[])
        } else {
            p.error(&e)
        }
    })
}

/// One stored program's fit for a property at a price.
pub struct Fit {
    pub program: loan_program::Model,
    /// The loan the program sizes at the price, with its metrics.
    pub sizing: LoanSizing,
    /// Equity at close with that loan: price × (1 + closing costs) − loan + fee.
    pub equity: f64,
    pub levered_irr: Option<f64>,
    /// Each of the program's tests the requested loan fails, e.g. "DSCR 1.18 < 1.25 at the
    /// requested loan"; empty when there is no requested loan or it passes.
    pub failures: Vec<String>,
}

/// The fit of every stored program, most proceeds first, with the requested loan (the given
/// amount, else the property's stored loan) checked against each program's tests.
pub async fn lender_fit(
    tx: &TenantTx,
    property_id: &str,
    price: Option<f64>,
    requested: Option<f64>,
) -> ApiResult<(f64, Option<f64>, Vec<Fit>)> {
    let property = super::properties::find(tx, property_id).await?;
    let price = match price.or(property.purchase_price).or(property.list_price) {
        Some(p) if p.is_finite() && p > 0.0 => p,
        Some(_) => return Err(ApiError::bad_input("input.price", "must be a positive number")),
        None => {
            return Err(ApiError::bad_input(
                "input.price",
                "the property has no purchase or list price: give one",
            ));
        }
    };
    if let Some(r) = requested
        && !(r.is_finite() && r > 0.0)
    {
        return Err(ApiError::bad_input("input.loanAmount", "must be a positive number"));
    }
    let stored_loan = dcf_inputs::loan_of(tx, property.id).await?;
    let requested = requested.or_else(|| stored_loan.and_then(|l| l.amount.or(l.ltv.map(|x| x * price))));
    let programs = loan_programs::list(tx).await?;
    let p = prepared(
        tx,
        Subject::Property {
            id: property_id.to_owned(),
            overrides: Assumptions::default(),
        },
    )
    .await?;
    let input = p.input.clone();
    let engine: Vec<LoanProgram> = programs.iter().map(loan_programs::to_engine).collect();
    let runs = blocking(move || {
        engine
            .iter()
            .map(|g| dcf::size_loan(&input, price, g))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?
    .map_err(|e| p.error(&e))?;
    let mut fits: Vec<Fit> = programs
        .into_iter()
        .zip(runs)
        .map(|(program, (sizing, r))| Fit {
            failures: failures(&loan_programs::to_engine(&program), price, sizing.noi_year1, requested),
            program,
            equity: -r.levered_cash_flows[0],
            levered_irr: r.levered_irr,
            sizing,
        })
        .collect();
    fits.sort_by(|a, b| b.sizing.amount.total_cmp(&a.sizing.amount));
    Ok((price, requested, fits))
}

/// The tests of `g` that a `requested` loan fails at `price` with year-1 NOI `noi` (the DSCR test
/// on the program's loan constant, as sizing uses it).
pub fn failures(g: &LoanProgram, price: f64, noi: f64, requested: Option<f64>) -> Vec<String> {
    let Some(amount) = requested else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(max) = g.max_ltv {
        let ltv = amount / price;
        if ltv > max {
            out.push(format!(
                "LTV {:.1}% > {:.1}% at the requested loan",
                100.0 * ltv,
                100.0 * max
            ));
        }
    }
    let c = g.loan_constant();
    if let Some(min) = g.min_dscr
        && c > 0.0
    {
        let dscr = noi / (amount * c);
        if dscr < min {
            out.push(format!("DSCR {dscr:.2} < {min:.2} at the requested loan"));
        }
    }
    if let Some(min) = g.min_debt_yield {
        let dy = noi / amount;
        if dy < min {
            out.push(format!(
                "debt yield {:.2}% < {:.2}% at the requested loan",
                100.0 * dy,
                100.0 * min
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests;
