//! Operating expense and market leasing profile CRUD (a property's stored DCF inputs). Requires
//! operator; an update replaces all fields of the row; every write is audited.
use super::{DeletePayload, delete_recorded, existing, parent, record};
use crate::auth::Role;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf_stored::{MarketLeasingProfile, OperatingExpense};
use crate::graphql::types::enums::Recovery;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use reos_entities::{market_leasing_profile, operating_expense};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

#[derive(Default)]
pub struct DcfInputMutations;

/// An operating expense line's fields.
#[derive(InputObject)]
pub struct OperatingExpenseFields {
    pub name: String,
    /// Per year, today's dollars.
    pub annual: f64,
    #[graphql(default)]
    pub recoverable: bool,
}

#[derive(InputObject)]
pub struct CreateOperatingExpenseInput {
    pub property_id: ID,
    #[graphql(flatten)]
    pub expense: OperatingExpenseFields,
}

#[derive(InputObject)]
pub struct UpdateOperatingExpenseInput {
    pub id: ID,
    #[graphql(flatten)]
    pub expense: OperatingExpenseFields,
}

/// A market leasing profile's fields (docs/dcf.md rollover).
#[derive(InputObject)]
pub struct MarketLeasingProfileFields {
    /// The name leases give as `mla`; unique per property.
    pub name: String,
    pub market_rent_psf: f64,
    pub term_years: f64,
    pub renewal_probability: f64,
    #[graphql(default)]
    pub downtime_months: i32,
    #[graphql(default)]
    pub free_rent_new_months: i32,
    #[graphql(default)]
    pub free_rent_renewal_months: i32,
    #[graphql(default)]
    pub ti_new_psf: f64,
    #[graphql(default)]
    pub ti_renewal_psf: f64,
    #[graphql(default)]
    pub lc_new_pct: f64,
    #[graphql(default)]
    pub lc_renewal_pct: f64,
    #[graphql(default)]
    pub escalation_pct: f64,
    #[graphql(default_with = "Recovery::Gross")]
    pub recovery: Recovery,
}

#[derive(InputObject)]
pub struct CreateMarketLeasingProfileInput {
    pub property_id: ID,
    #[graphql(flatten)]
    pub profile: MarketLeasingProfileFields,
}

#[derive(InputObject)]
pub struct UpdateMarketLeasingProfileInput {
    pub id: ID,
    #[graphql(flatten)]
    pub profile: MarketLeasingProfileFields,
}

#[derive(SimpleObject)]
pub struct OperatingExpensePayload {
    pub expense: OperatingExpense,
}

#[derive(SimpleObject)]
pub struct MarketLeasingProfilePayload {
    pub profile: MarketLeasingProfile,
}

/// A share of something in [0, 1) (docs/dcf.md costs and commissions).
pub(super) fn share(field: &str, v: f64) -> ApiResult<()> {
    if (0.0..1.0).contains(&v) {
        Ok(())
    } else {
        Err(ApiError::bad_input(field, "must be at least 0 and below 1"))
    }
}

fn apply_expense(am: &mut operating_expense::ActiveModel, f: OperatingExpenseFields) -> ApiResult<()> {
    rules::non_empty("input.name", Some(&f.name))?;
    rules::non_negative("input.annual", Some(f.annual))?;
    am.name = Set(f.name);
    am.annual = Set(f.annual);
    am.recoverable = Set(f.recoverable);
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}

fn apply_profile(am: &mut market_leasing_profile::ActiveModel, f: MarketLeasingProfileFields) -> ApiResult<()> {
    rules::non_empty("input.name", Some(&f.name))?;
    rules::non_negative("input.marketRentPsf", Some(f.market_rent_psf))?;
    rules::positive("input.termYears", Some(f.term_years))?;
    if f.term_years > 100.0 || (f.term_years * 12.0).fract() != 0.0 {
        return Err(ApiError::bad_input(
            "input.termYears",
            "must be whole months, at most 100 years",
        ));
    }
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
    am.recovery = Set(f.recovery.as_db().to_owned());
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}

#[Object]
impl DcfInputMutations {
    /// Adds an operating expense line to a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_operating_expense(
        &self,
        ctx: &Context<'_>,
        input: CreateOperatingExpenseInput,
    ) -> Result<OperatingExpensePayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        let now = chrono::Utc::now();
        let mut am = operating_expense::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_id: Set(property_id),
            created_at: Set(now),
            ..Default::default()
        };
        apply_expense(&mut am, input.expense)?;
        let saved = am.insert(r.tx.conn()).await.map_err(ApiError::from)?;
        let details = serde_json::json!({"property_id": property_id});
        record(r, "create", "operating_expense", saved.id, details).await?;
        Ok(OperatingExpensePayload {
            expense: OperatingExpense(saved),
        })
    }

    /// Replaces an operating expense line's fields. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_operating_expense(
        &self,
        ctx: &Context<'_>,
        input: UpdateOperatingExpenseInput,
    ) -> Result<OperatingExpensePayload> {
        let r = req(ctx)?;
        let existing = existing::<operating_expense::Entity>(r, &input.id, "operating expense").await?;
        let mut am: operating_expense::ActiveModel = existing.into();
        apply_expense(&mut am, input.expense)?;
        let saved = am.update(r.tx.conn()).await.map_err(ApiError::from)?;
        record(r, "update", "operating_expense", saved.id, serde_json::json!({})).await?;
        Ok(OperatingExpensePayload {
            expense: OperatingExpense(saved),
        })
    }

    /// Deletes an operating expense line. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_operating_expense(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        delete_recorded::<operating_expense::Entity>(req(ctx)?, id, "operating expense", "operating_expense").await
    }

    /// Adds a market leasing profile to a property (CONFLICT when the name is taken). Requires
    /// operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_market_leasing_profile(
        &self,
        ctx: &Context<'_>,
        input: CreateMarketLeasingProfileInput,
    ) -> Result<MarketLeasingProfilePayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        let mut am = market_leasing_profile::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_id: Set(property_id),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        };
        apply_profile(&mut am, input.profile)?;
        let saved = am.insert(r.tx.conn()).await.map_err(ApiError::from)?;
        let details = serde_json::json!({"property_id": property_id});
        record(r, "create", "market_leasing_profile", saved.id, details).await?;
        Ok(MarketLeasingProfilePayload {
            profile: MarketLeasingProfile(saved),
        })
    }

    /// Replaces a market leasing profile's fields. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_market_leasing_profile(
        &self,
        ctx: &Context<'_>,
        input: UpdateMarketLeasingProfileInput,
    ) -> Result<MarketLeasingProfilePayload> {
        let r = req(ctx)?;
        let existing = existing::<market_leasing_profile::Entity>(r, &input.id, "market leasing profile").await?;
        let mut am: market_leasing_profile::ActiveModel = existing.into();
        apply_profile(&mut am, input.profile)?;
        let saved = am.update(r.tx.conn()).await.map_err(ApiError::from)?;
        record(r, "update", "market_leasing_profile", saved.id, serde_json::json!({})).await?;
        Ok(MarketLeasingProfilePayload {
            profile: MarketLeasingProfile(saved),
        })
    }

    /// Deletes a market leasing profile. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_market_leasing_profile(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        delete_recorded::<market_leasing_profile::Entity>(
            req(ctx)?,
            id,
            "market leasing profile",
            "market_leasing_profile",
        )
        .await
    }
}
