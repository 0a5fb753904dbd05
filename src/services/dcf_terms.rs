//! A property's stored DCF inputs: its loan and assumptions (one row each, so `set` creates or
//! replaces), operating expense lines and market leasing profiles. Every write is validated
//! first and audited; loans add a graph outbox row (the lender is a graph node).
use super::caller::Caller;
use crate::domain::{month, rules};
use crate::error::{ApiError, ApiResult};
use crate::graph::outbox::OutboxKind;
use crate::persistence::repositories::{self, dcf_inputs};
use reos_entities::enums::Recovery;
use reos_entities::{dcf_assumption, loan, market_leasing_profile, operating_expense};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

/// The acquisition loan: exactly one of `amount` and `ltv`.
pub struct LoanTerms {
    pub amount: Option<f64>,
    pub ltv: Option<f64>,
    pub rate: f64,
    pub amortization_years: f64,
    pub io_months: i32,
    pub fee_pct: f64,
    pub lender: Option<String>,
}

/// DCF assumptions of a property (docs/dcf.md).
pub struct Assumptions {
    /// `YYYY-MM`.
    pub analysis_start: String,
    pub hold_years: i32,
    pub discount_rate: f64,
    pub equity_discount_rate: Option<f64>,
    pub exit_cap_rate: f64,
    pub selling_cost_pct: f64,
    pub closing_cost_pct: f64,
    pub market_rent_growth: f64,
    pub expense_growth: f64,
    pub general_vacancy_pct: f64,
    pub other_income_annual: f64,
    pub management_fee_pct: f64,
    pub capital_reserve_annual: f64,
    pub turnover_months: Option<i32>,
    pub concessions_pct: f64,
    pub bad_debt_pct: f64,
}

/// An operating expense line.
pub struct ExpenseFields {
    pub name: String,
    pub annual: f64,
    pub recoverable: bool,
}

/// A market leasing profile (docs/dcf.md rollover).
pub struct ProfileFields {
    pub name: String,
    pub market_rent_psf: f64,
    pub term_years: f64,
    pub renewal_probability: f64,
    pub downtime_months: i32,
    pub free_rent_new_months: i32,
    pub free_rent_renewal_months: i32,
    pub ti_new_psf: f64,
    pub ti_renewal_psf: f64,
    pub lc_new_pct: f64,
    pub lc_renewal_pct: f64,
    pub escalation_pct: f64,
    pub recovery: Recovery,
}

/// A share of something in [0, 1) (docs/dcf.md costs and commissions).
pub fn share(field: &str, v: f64) -> ApiResult<()> {
    if (0.0..1.0).contains(&v) {
        Ok(())
    } else {
        Err(ApiError::bad_input(field, "must be at least 0 and below 1"))
    }
}

/// Whole months, at most 100 years.
fn whole_months(field: &str, years: f64) -> ApiResult<()> {
    rules::positive(field, Some(years))?;
    if years > 100.0 || (years * 12.0).fract() != 0.0 {
        return Err(ApiError::bad_input(field, "must be whole months, at most 100 years"));
    }
    Ok(())
}

fn check_loan(i: &LoanTerms) -> ApiResult<()> {
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
    whole_months("input.amortizationYears", i.amortization_years)?;
    rules::int_range("input.ioMonths", Some(i.io_months), 0, 1200)?;
    share("input.feePct", i.fee_pct)
}

fn check_assumptions(i: &Assumptions) -> ApiResult<chrono::NaiveDate> {
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

/// Creates or replaces the loan of property `property_id`.
pub async fn set_loan(c: &Caller<'_>, property_id: &str, i: LoanTerms) -> ApiResult<loan::Model> {
    let property_id = c.parent(property_id).await?;
    check_loan(&i)?;
    let now = chrono::Utc::now();
    let existing = dcf_inputs::loan_of(c.tx, property_id).await?;
    let mut am = match existing.clone() {
        Some(m) => m.into(),
        None => loan::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(c.tenant()),
            property_id: Set(property_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    am.amount = Set(i.amount);
    am.ltv = Set(i.ltv);
    am.rate = Set(i.rate);
    am.amortization_years = Set(i.amortization_years);
    am.io_months = Set(i.io_months);
    am.fee_pct = Set(i.fee_pct);
    am.lender = Set(i.lender.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()));
    am.updated_at = Set(now);
    let saved = upsert(c, am, existing.is_some()).await?;
    c.audit(
        "set",
        "loan",
        Some(saved.id),
        serde_json::json!({"property_id": property_id}),
    )
    .await?;
    c.outbox(OutboxKind::Loan, saved.id).await?;
    Ok(saved)
}

/// Removes the loan of property `property_id`; returns the loan's id.
pub async fn delete_loan(c: &Caller<'_>, property_id: &str) -> ApiResult<Uuid> {
    let pid = c.parent(property_id).await?;
    let existing = dcf_inputs::loan_of(c.tx, pid)
        .await?
        .ok_or(ApiError::not_found("loan"))?;
    repositories::delete::<loan::Entity>(c.tx, existing.id).await?;
    c.audit(
        "delete",
        "loan",
        Some(existing.id),
        serde_json::json!({"property_id": pid}),
    )
    .await?;
    c.outbox(OutboxKind::Loan, existing.id).await?;
    Ok(existing.id)
}

/// Creates or replaces the DCF assumptions of property `property_id`.
pub async fn set_assumptions(c: &Caller<'_>, property_id: &str, i: Assumptions) -> ApiResult<dcf_assumption::Model> {
    let property_id = c.parent(property_id).await?;
    let start = check_assumptions(&i)?;
    let now = chrono::Utc::now();
    let existing = dcf_inputs::assumptions_of(c.tx, property_id).await?;
    let mut am = match existing.clone() {
        Some(m) => m.into(),
        None => dcf_assumption::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(c.tenant()),
            property_id: Set(property_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    am.analysis_start = Set(start);
    am.hold_years = Set(i.hold_years);
    am.discount_rate = Set(i.discount_rate);
    am.equity_discount_rate = Set(i.equity_discount_rate);
    am.exit_cap_rate = Set(i.exit_cap_rate);
    am.selling_cost_pct = Set(i.selling_cost_pct);
    am.closing_cost_pct = Set(i.closing_cost_pct);
    am.market_rent_growth = Set(i.market_rent_growth);
    am.expense_growth = Set(i.expense_growth);
    am.general_vacancy_pct = Set(i.general_vacancy_pct);
    am.other_income_annual = Set(i.other_income_annual);
    am.management_fee_pct = Set(i.management_fee_pct);
    am.capital_reserve_annual = Set(i.capital_reserve_annual);
    am.turnover_months = Set(i.turnover_months);
    am.concessions_pct = Set(i.concessions_pct);
    am.bad_debt_pct = Set(i.bad_debt_pct);
    am.updated_at = Set(now);
    let saved = upsert(c, am, existing.is_some()).await?;
    let details = serde_json::json!({"property_id": property_id});
    c.audit("set", "dcf_assumptions", Some(saved.id), details).await?;
    Ok(saved)
}

/// Removes the stored DCF assumptions of property `property_id`; returns their id.
pub async fn delete_assumptions(c: &Caller<'_>, property_id: &str) -> ApiResult<Uuid> {
    let pid = c.parent(property_id).await?;
    let existing = dcf_inputs::assumptions_of(c.tx, pid)
        .await?
        .ok_or(ApiError::not_found("DCF assumptions"))?;
    repositories::delete::<dcf_assumption::Entity>(c.tx, existing.id).await?;
    let details = serde_json::json!({"property_id": pid});
    c.audit("delete", "dcf_assumptions", Some(existing.id), details).await?;
    Ok(existing.id)
}

/// Inserts a new row or updates the existing one.
async fn upsert<A>(c: &Caller<'_>, am: A, exists: bool) -> ApiResult<<A::Entity as sea_orm::EntityTrait>::Model>
where
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as sea_orm::EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    Ok(if exists {
        am.update(c.tx.conn().await?).await?
    } else {
        am.insert(c.tx.conn().await?).await?
    })
}

/// Adds an operating expense line to property `property_id`.
pub async fn create_expense(
    c: &Caller<'_>,
    property_id: &str,
    f: ExpenseFields,
) -> ApiResult<operating_expense::Model> {
    let property_id = c.parent(property_id).await?;
    let mut am = operating_expense::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        property_id: Set(property_id),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    apply_expense(&mut am, f)?;
    let saved = am.insert(c.tx.conn().await?).await?;
    let details = serde_json::json!({"property_id": property_id});
    c.audit("create", "operating_expense", Some(saved.id), details).await?;
    Ok(saved)
}

/// Replaces an operating expense line's fields.
pub async fn update_expense(c: &Caller<'_>, id: &str, f: ExpenseFields) -> ApiResult<operating_expense::Model> {
    let mut am: operating_expense::ActiveModel = c
        .existing::<operating_expense::Entity>(id, "operating expense")
        .await?
        .into();
    apply_expense(&mut am, f)?;
    let saved = am.update(c.tx.conn().await?).await?;
    c.audit("update", "operating_expense", Some(saved.id), serde_json::json!({}))
        .await?;
    Ok(saved)
}

/// Adds a market leasing profile to property `property_id` (CONFLICT when the name is taken).
pub async fn create_profile(
    c: &Caller<'_>,
    property_id: &str,
    f: ProfileFields,
) -> ApiResult<market_leasing_profile::Model> {
    let property_id = c.parent(property_id).await?;
    let mut am = market_leasing_profile::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        property_id: Set(property_id),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    apply_profile(&mut am, f)?;
    let saved = am.insert(c.tx.conn().await?).await?;
    let details = serde_json::json!({"property_id": property_id});
    c.audit("create", "market_leasing_profile", Some(saved.id), details)
        .await?;
    Ok(saved)
}

/// Replaces a market leasing profile's fields.
pub async fn update_profile(c: &Caller<'_>, id: &str, f: ProfileFields) -> ApiResult<market_leasing_profile::Model> {
    let mut am: market_leasing_profile::ActiveModel = c
        .existing::<market_leasing_profile::Entity>(id, "market leasing profile")
        .await?
        .into();
    apply_profile(&mut am, f)?;
    let saved = am.update(c.tx.conn().await?).await?;
    c.audit(
        "update",
        "market_leasing_profile",
        Some(saved.id),
        serde_json::json!({}),
    )
    .await?;
    Ok(saved)
}

/// Deletes an operating expense line.
pub async fn delete_expense(c: &Caller<'_>, id: &str) -> ApiResult<Uuid> {
    c.delete::<operating_expense::Entity>(id, "operating expense", "operating_expense")
        .await
}

/// Deletes a market leasing profile.
pub async fn delete_profile(c: &Caller<'_>, id: &str) -> ApiResult<Uuid> {
    c.delete::<market_leasing_profile::Entity>(id, "market leasing profile", "market_leasing_profile")
        .await
}

fn apply_expense(am: &mut operating_expense::ActiveModel, f: ExpenseFields) -> ApiResult<()> {
    rules::non_empty("input.name", Some(&f.name))?;
    rules::non_negative("input.annual", Some(f.annual))?;
    am.name = Set(f.name);
    am.annual = Set(f.annual);
    am.recoverable = Set(f.recoverable);
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}

fn apply_profile(am: &mut market_leasing_profile::ActiveModel, f: ProfileFields) -> ApiResult<()> {
    rules::non_empty("input.name", Some(&f.name))?;
    rules::non_negative("input.marketRentPsf", Some(f.market_rent_psf))?;
    whole_months("input.termYears", f.term_years)?;
    rules::unit_interval("input.renewalProbability", Some(f.renewal_probability))?;
    rules::int_range("input.downtimeMonths", Some(f.downtime_months), 0, 1200)?;
    rules::int_range("input.freeRentNewMonths", Some(f.free_rent_new_months), 0, 1200)?;
    rules::int_range("input.freeRentRenewalMonths", Some(f.free_rent_renewal_months), 0, 1200)?;
    rules::non_negative("input.tiNewPsf", Some(f.ti_new_psf))?;
    rules::non_negative("input.tiRenewalPsf", Some(f.ti_renewal_psf))?;
    rules::unit_interval("input.lcNewPct", Some(f.lc_new_pct))?;
    rules::unit_interval("input.lcRenewalPct", Some(f.lc_renewal_pct))?;
    rules::rate("input.escalationPct", Some(f.escalation_pct))?;
    am.name = Set(f.name);
    am.market_rent_psf = Set(f.market_rent_psf);
    am.term_years = Set(f.term_years);
    am.renewal_probability = Set(f.renewal_probability);
    am.downtime_months = Set(f.downtime_months);
    am.free_rent_new_months = Set(f.free_rent_new_months);
    am.free_rent_renewal_months = Set(f.free_rent_renewal_months);
    am.ti_new_psf = Set(f.ti_new_psf);
    am.ti_renewal_psf = Set(f.ti_renewal_psf);
    am.lc_new_pct = Set(f.lc_new_pct);
    am.lc_renewal_pct = Set(f.lc_renewal_pct);
    am.escalation_pct = Set(f.escalation_pct);
    am.recovery = Set(f.recovery);
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}
