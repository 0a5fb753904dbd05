//! A property's loan (set/delete) and stored DCF assumptions (set/delete): one row each per
//! property, so `set` creates or replaces. Requires operator; every write is audited.
use super::DeletePayload;
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf_stored::{DcfAssumptions, Loan};
use crate::services::dcf_terms;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

#[derive(Default)]
pub struct DcfTermMutations;

/// The acquisition loan: exactly one of `amount` and `ltv`.
#[derive(InputObject)]
pub struct SetLoanInput {
    pub property_id: ID,
    pub amount: Option<f64>,
    /// Loan to purchase price, in (0, 1].
    pub ltv: Option<f64>,
    pub rate: f64,
    pub amortization_years: f64,
    #[graphql(default)]
    pub io_months: i32,
    #[graphql(default)]
    pub fee_pct: f64,
    /// The lender's name (a lender node of the ownership graph).
    pub lender: Option<String>,
}

/// DCF assumptions of a property (docs/dcf.md); optional numbers default to 0.
#[derive(InputObject)]
pub struct SetDcfAssumptionsInput {
    pub property_id: ID,
    /// `YYYY-MM`.
    pub analysis_start: String,
    /// 1 to 30.
    pub hold_years: i32,
    pub discount_rate: f64,
    pub equity_discount_rate: Option<f64>,
    pub exit_cap_rate: f64,
    #[graphql(default)]
    pub selling_cost_pct: f64,
    #[graphql(default)]
    pub closing_cost_pct: f64,
    #[graphql(default)]
    pub market_rent_growth: f64,
    #[graphql(default)]
    pub expense_growth: f64,
    #[graphql(default)]
    pub general_vacancy_pct: f64,
    #[graphql(default)]
    pub other_income_annual: f64,
    #[graphql(default)]
    pub management_fee_pct: f64,
    #[graphql(default)]
    pub capital_reserve_annual: f64,
    /// Multifamily: months for loss-to-lease to burn off (default 12).
    pub turnover_months: Option<i32>,
    #[graphql(default)]
    pub concessions_pct: f64,
    #[graphql(default)]
    pub bad_debt_pct: f64,
}

#[derive(SimpleObject)]
pub struct LoanPayload {
    pub loan: Loan,
}

#[derive(SimpleObject)]
pub struct DcfAssumptionsPayload {
    pub assumptions: DcfAssumptions,
}

impl From<SetLoanInput> for dcf_terms::LoanTerms {
    fn from(i: SetLoanInput) -> Self {
        Self {
            amount: i.amount,
            ltv: i.ltv,
            rate: i.rate,
            amortization_years: i.amortization_years,
            io_months: i.io_months,
            fee_pct: i.fee_pct,
            lender: i.lender,
        }
    }
}

impl From<SetDcfAssumptionsInput> for dcf_terms::Assumptions {
    fn from(i: SetDcfAssumptionsInput) -> Self {
        Self {
            analysis_start: i.analysis_start,
            hold_years: i.hold_years,
            discount_rate: i.discount_rate,
            equity_discount_rate: i.equity_discount_rate,
            exit_cap_rate: i.exit_cap_rate,
            selling_cost_pct: i.selling_cost_pct,
            closing_cost_pct: i.closing_cost_pct,
            market_rent_growth: i.market_rent_growth,
            expense_growth: i.expense_growth,
            general_vacancy_pct: i.general_vacancy_pct,
            other_income_annual: i.other_income_annual,
            management_fee_pct: i.management_fee_pct,
            capital_reserve_annual: i.capital_reserve_annual,
            turnover_months: i.turnover_months,
            concessions_pct: i.concessions_pct,
            bad_debt_pct: i.bad_debt_pct,
        }
    }
}

#[Object]
impl DcfTermMutations {
    /// Creates or replaces a property's loan. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn set_loan(&self, ctx: &Context<'_>, input: SetLoanInput) -> Result<LoanPayload> {
        let property_id = input.property_id.clone();
        let saved = dcf_terms::set_loan(&caller(ctx)?, &property_id, input.into()).await?;
        Ok(LoanPayload { loan: Loan(saved) })
    }

    /// Removes a property's loan (`deletedId` is the loan's id). Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_loan(&self, ctx: &Context<'_>, property_id: ID) -> Result<DeletePayload> {
        let id = dcf_terms::delete_loan(&caller(ctx)?, &property_id).await?;
        Ok(DeletePayload {
            deleted_id: ID(id.to_string()),
        })
    }

    /// Creates or replaces a property's DCF assumptions. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn set_dcf_assumptions(
        &self,
        ctx: &Context<'_>,
        input: SetDcfAssumptionsInput,
    ) -> Result<DcfAssumptionsPayload> {
        let property_id = input.property_id.clone();
        let saved = dcf_terms::set_assumptions(&caller(ctx)?, &property_id, input.into()).await?;
        Ok(DcfAssumptionsPayload {
            assumptions: DcfAssumptions(saved),
        })
    }

    /// Removes a property's stored DCF assumptions. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_dcf_assumptions(&self, ctx: &Context<'_>, property_id: ID) -> Result<DeletePayload> {
        let id = dcf_terms::delete_assumptions(&caller(ctx)?, &property_id).await?;
        Ok(DeletePayload {
            deleted_id: ID(id.to_string()),
        })
    }
}
