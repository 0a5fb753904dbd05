//! `sizeLoan`, `maxBid`, `lenderFit` and `loanPrograms` (docs/deal-sizing.md), and
//! `portfolioSummary` (docs/portfolio.md). Analyst or
//! higher; other tenants' properties and programs are NOT_FOUND; a bid no price answers is an
//! error with its own code (`MAX_BID_INFEASIBLE`, `MAX_BID_UNBOUNDED`, …), never a number.
use crate::auth::Role;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::price;
use crate::graphql::query::dcf::validated;
use crate::graphql::query::property_dcf::overrides;
use crate::graphql::types::dcf_input::DcfInputGql;
use crate::graphql::types::dcf_stored::DcfAssumptionsInput;
use crate::graphql::types::deal::{
    LenderFit, LenderFitInput, LoanProgram, LoanProgramInput, MaxBid, MaxBidInput, SizeLoanInput, SizedLoan,
};
use crate::graphql::types::portfolio::{PortfolioFilterInput, PortfolioSummary};
use crate::services::deal_sizing::{ProgramRef, Subject};
use crate::services::{deal_sizing, loan_programs, portfolio};
use async_graphql::{Context, ID, Object, Result};

/// The subject of a sizing or bid: exactly one of a stored property and an inline input.
fn subject(
    property_id: Option<&ID>,
    dcf_input: Option<&DcfInputGql>,
    assumptions: Option<&DcfAssumptionsInput>,
) -> ApiResult<Subject> {
    match (property_id, dcf_input) {
        (Some(id), None) => Ok(Subject::Property {
            id: id.0.clone(),
            overrides: overrides(assumptions),
        }),
        (None, Some(input)) => {
            if assumptions.is_some() {
                return Err(ApiError::bad_input(
                    "input.assumptions",
                    "applies to a stored property only: set the values in dcfInput",
                ));
            }
            Ok(Subject::Inline {
                input: validated(input).map_err(|e| nest(e, "input.dcfInput"))?,
                names: input.mla_names(),
                prefix: "input.dcfInput".into(),
            })
        }
        _ => Err(ApiError::bad_input(
            "input",
            "give exactly one of propertyId and dcfInput",
        )),
    }
}

/// `validated` names fields under `input`; here the input is `input.dcfInput`.
fn nest(e: ApiError, prefix: &str) -> ApiError {
    match e {
        ApiError::BadInput { field, message } => {
            let rest = field.strip_prefix("input").unwrap_or(&field);
            ApiError::bad_input(format!("{prefix}{rest}"), message)
        }
        e => e,
    }
}

/// The program: at most one of inline and stored; `required` refuses neither.
fn program(program: Option<&LoanProgramInput>, id: Option<&ID>, required: bool) -> ApiResult<Option<ProgramRef>> {
    match (program, id) {
        (Some(p), None) => Ok(Some(ProgramRef::Inline(p.to_fields().to_engine()))),
        (None, Some(id)) => Ok(Some(ProgramRef::Stored(id.0.clone()))),
        (None, None) if !required => Ok(None),
        (None, None) => Err(ApiError::bad_input("input.program", "give program or programId")),
        (Some(_), Some(_)) => Err(ApiError::bad_input(
            "input.programId",
            "give program or programId, not both",
        )),
    }
}

#[derive(Default)]
pub struct DealQueries;

#[Object]
impl DealQueries {
    /// The loan a program sizes at `price` (the smallest of its LTV, DSCR and debt-yield limits)
    /// and the DCF with that loan. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "price::dcf(price::subject(input.dcf_input.as_ref(), input.assumptions.as_ref())) + child_complexity"
    )]
    async fn size_loan(&self, ctx: &Context<'_>, input: SizeLoanInput) -> Result<SizedLoan> {
        let s = subject(
            input.property_id.as_ref(),
            input.dcf_input.as_ref(),
            input.assumptions.as_ref(),
        )?;
        let p = program(input.program.as_ref(), input.program_id.as_ref(), true)?
            .ok_or_else(|| ApiError::bad_input("input.program", "give program or programId"))?;
        let (sizing, dcf) = deal_sizing::size_loan(tx(ctx)?, s, input.price, p).await?;
        Ok(SizedLoan {
            sizing: sizing.into(),
            dcf: dcf.into(),
        })
    }

    /// The largest purchase price at which every target holds, with the program's loan sized at
    /// each price tried (no loan without a program). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "price::max_bid(price::subject(input.dcf_input.as_ref(), input.assumptions.as_ref())) + child_complexity"
    )]
    async fn max_bid(&self, ctx: &Context<'_>, input: MaxBidInput) -> Result<MaxBid> {
        let s = subject(
            input.property_id.as_ref(),
            input.dcf_input.as_ref(),
            input.assumptions.as_ref(),
        )?;
        let p = program(input.program.as_ref(), input.program_id.as_ref(), false)?;
        let bid = deal_sizing::max_bid(tx(ctx)?, s, p, input.targets.to_targets()).await?;
        Ok(bid.into())
    }

    /// Every stored program sized for a property at a price, most proceeds first, with the
    /// requested loan checked against each program's tests. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "price::lender_fit() + child_complexity"
    )]
    async fn lender_fit(&self, ctx: &Context<'_>, input: LenderFitInput) -> Result<LenderFit> {
        let (price, requested_loan, fits) =
            deal_sizing::lender_fit(tx(ctx)?, &input.property_id, input.price, input.loan_amount).await?;
        Ok(LenderFit {
            price,
            requested_loan,
            programs: fits.into_iter().map(Into::into).collect(),
        })
    }

    /// The tenant's loan programs, by lender and name. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn loan_programs(&self, ctx: &Context<'_>) -> Result<Vec<LoanProgram>> {
        Ok(loan_programs::list(tx(ctx)?)
            .await?
            .into_iter()
            .map(LoanProgram)
            .collect())
    }

    /// One loan program. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn loan_program(&self, ctx: &Context<'_>, id: ID) -> Result<LoanProgram> {
        Ok(LoanProgram(loan_programs::get(tx(ctx)?, &id).await?))
    }

    /// The tenant's book (properties matching `filter`) as of `asOf` (default today, UTC):
    /// value by model, NOI and going-in cap, occupancy, WALE, expiry ladder, tenant
    /// concentration, debt, hazard exposure, and groups by stage, type and market. A constant
    /// number of statements whatever the size. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)", complexity = "100 + child_complexity")]
    async fn portfolio_summary(
        &self,
        ctx: &Context<'_>,
        filter: Option<PortfolioFilterInput>,
        as_of: Option<chrono::NaiveDate>,
    ) -> Result<PortfolioSummary> {
        let f = filter.unwrap_or_default().to_filter()?;
        Ok(portfolio::summary(tx(ctx)?, f, as_of).await?.into())
    }
}
