//! A property's loan (set/delete) and stored DCF assumptions (set/delete): one row each per
//! property, so `set` creates or replaces. Requires operator; every write is audited.
use super::dcf_inputs::share;
use super::{DeletePayload, parent, record};
use crate::auth::Role;
use crate::domain::{month, rules};
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf_stored::{DcfAssumptions, Loan};
use crate::persistence::repositories::{self, dcf_inputs};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use reos_entities::{dcf_assumption, loan};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

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

fn check_loan(i: &SetLoanInput) -> ApiResult<()> {
    match (i.amount, i.ltv) {
        (Some(_), Some(_)) => return Err(ApiError::bad_input("input.ltv", "give either amount or ltv, not both")),
        (None, None) => return Err(ApiError::bad_input("input.amount", "give amount or ltv")),
        (Some(a), None) => rules::positive("input.amount", Some(a))?,
        (None, Some(l)) if !(l > 0.0 && l <= 1.0) => {
            return Err(ApiError::bad_input("input.ltv", "must be above 0 and at most 1"));
        }
        (None, Some(_)) => {}
    }
    rules::rate("input.rate", Some(i.rate))?;
    rules::positive("input.amortizationYears", Some(i.amortization_years))?;
    if i.amortization_years > 100.0 || (i.amortization_years * 12.0).fract() != 0.0 {
        return Err(ApiError::bad_input(
            "input.amortizationYears",
            "must be whole months, at most 100 years",
        ));
    }
    rules::int_range("input.ioMonths", Some(i.io_months), 0, 1200)?;
    share("input.feePct", i.fee_pct)
}

fn check_assumptions(i: &SetDcfAssumptionsInput) -> ApiResult<chrono::NaiveDate> {
    let start = month::parse(&i.analysis_start)
        .ok_or_else(|| ApiError::bad_input("input.analysisStart", "must be a month, YYYY-MM"))?;
    rules::int_range("input.holdYears", Some(i.hold_years), 1, 30)?;
    rules::rate("input.discountRate", Some(i.discount_rate))?;
    rules::rate("input.equityDiscountRate", i.equity_discount_rate)?;
    if !(i.exit_cap_rate > 0.0 && i.exit_cap_rate < 1.0) {
        return Err(ApiError::bad_input("input.exitCapRate", "must be above 0 and below 1"));
    }
    share("input.sellingCostPct", i.selling_cost_pct)?;
    share("input.closingCostPct", i.closing_cost_pct)?;
    rules::rate("input.marketRentGrowth", Some(i.market_rent_growth))?;
    rules::rate("input.expenseGrowth", Some(i.expense_growth))?;
    share("input.generalVacancyPct", i.general_vacancy_pct)?;
    rules::non_negative("input.otherIncomeAnnual", Some(i.other_income_annual))?;
    share("input.managementFeePct", i.management_fee_pct)?;
    rules::non_negative("input.capitalReserveAnnual", Some(i.capital_reserve_annual))?;
    rules::int_range("input.turnoverMonths", i.turnover_months, 1, 1200)?;
    share("input.concessionsPct", i.concessions_pct)?;
    share("input.badDebtPct", i.bad_debt_pct)?;
    Ok(start)
}

#[Object]
impl DcfTermMutations {
    /// Creates or replaces a property's loan. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn set_loan(&self, ctx: &Context<'_>, input: SetLoanInput) -> Result<LoanPayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        check_loan(&input)?;
        let now = chrono::Utc::now();
        let existing = dcf_inputs::loan_of(&r.tx, property_id).await.map_err(ApiError::from)?;
        let mut am = match existing.clone() {
            Some(m) => m.into(),
            None => loan::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(r.tx.tenant().0),
                property_id: Set(property_id),
                created_at: Set(now),
                ..Default::default()
            },
        };
        am.amount = Set(input.amount);
        am.ltv = Set(input.ltv);
        am.rate = Set(input.rate);
        am.amortization_years = Set(input.amortization_years);
        am.io_months = Set(input.io_months);
        am.fee_pct = Set(input.fee_pct);
        am.lender = Set(input.lender.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()));
        am.updated_at = Set(now);
        let saved = if existing.is_some() {
            am.update(r.tx.conn()).await
        } else {
            am.insert(r.tx.conn()).await
        }
        .map_err(ApiError::from)?;
        let details = serde_json::json!({"property_id": property_id});
        record(r, "set", "loan", saved.id, details).await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Loan, saved.id).await?;
        Ok(LoanPayload { loan: Loan(saved) })
    }

    /// Removes a property's loan (`deletedId` is the loan's id). Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_loan(&self, ctx: &Context<'_>, property_id: ID) -> Result<DeletePayload> {
        let r = req(ctx)?;
        let pid = parent(r, &property_id).await?;
        let existing = dcf_inputs::loan_of(&r.tx, pid)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::not_found("loan"))?;
        repositories::delete::<loan::Entity>(&r.tx, existing.id)
            .await
            .map_err(ApiError::from)?;
        record(
            r,
            "delete",
            "loan",
            existing.id,
            serde_json::json!({"property_id": pid}),
        )
        .await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Loan, existing.id).await?;
        Ok(DeletePayload {
            deleted_id: ID(existing.id.to_string()),
        })
    }

    /// Creates or replaces a property's DCF assumptions. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn set_dcf_assumptions(
        &self,
        ctx: &Context<'_>,
        input: SetDcfAssumptionsInput,
    ) -> Result<DcfAssumptionsPayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        let start = check_assumptions(&input)?;
        let now = chrono::Utc::now();
        let existing = dcf_inputs::assumptions_of(&r.tx, property_id)
            .await
            .map_err(ApiError::from)?;
        let mut am = match existing.clone() {
            Some(m) => m.into(),
            None => dcf_assumption::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(r.tx.tenant().0),
                property_id: Set(property_id),
                created_at: Set(now),
                ..Default::default()
            },
        };
        am.analysis_start = Set(start);
        am.hold_years = Set(input.hold_years);
        am.discount_rate = Set(input.discount_rate);
        am.equity_discount_rate = Set(input.equity_discount_rate);
        am.exit_cap_rate = Set(input.exit_cap_rate);
        am.selling_cost_pct = Set(input.selling_cost_pct);
        am.closing_cost_pct = Set(input.closing_cost_pct);
        am.market_rent_growth = Set(input.market_rent_growth);
        am.expense_growth = Set(input.expense_growth);
        am.general_vacancy_pct = Set(input.general_vacancy_pct);
        am.other_income_annual = Set(input.other_income_annual);
        am.management_fee_pct = Set(input.management_fee_pct);
        am.capital_reserve_annual = Set(input.capital_reserve_annual);
        am.turnover_months = Set(input.turnover_months);
        am.concessions_pct = Set(input.concessions_pct);
        am.bad_debt_pct = Set(input.bad_debt_pct);
        am.updated_at = Set(now);
        let saved = if existing.is_some() {
            am.update(r.tx.conn()).await
        } else {
            am.insert(r.tx.conn()).await
        }
        .map_err(ApiError::from)?;
        let details = serde_json::json!({"property_id": property_id});
        record(r, "set", "dcf_assumptions", saved.id, details).await?;
        Ok(DcfAssumptionsPayload {
            assumptions: DcfAssumptions(saved),
        })
    }

    /// Removes a property's stored DCF assumptions. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_dcf_assumptions(&self, ctx: &Context<'_>, property_id: ID) -> Result<DeletePayload> {
        let r = req(ctx)?;
        let pid = parent(r, &property_id).await?;
        let existing = dcf_inputs::assumptions_of(&r.tx, pid)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::not_found("DCF assumptions"))?;
        repositories::delete::<dcf_assumption::Entity>(&r.tx, existing.id)
            .await
            .map_err(ApiError::from)?;
        let details = serde_json::json!({"property_id": pid});
        record(r, "delete", "dcf_assumptions", existing.id, details).await?;
        Ok(DeletePayload {
            deleted_id: ID(existing.id.to_string()),
        })
    }
}
