//! Operating expense and market leasing profile CRUD (a property's stored DCF inputs). Requires
//! operator; an update replaces all fields of the row; every write is audited.
use super::DeletePayload;
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::dcf_stored::{MarketLeasingProfile, OperatingExpense};
use crate::graphql::types::enums::Recovery;
use crate::services::dcf_terms;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

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

impl From<OperatingExpenseFields> for dcf_terms::ExpenseFields {
    fn from(f: OperatingExpenseFields) -> Self {
        Self {
            name: f.name,
            annual: f.annual,
            recoverable: f.recoverable,
        }
    }
}

impl From<MarketLeasingProfileFields> for dcf_terms::ProfileFields {
    fn from(f: MarketLeasingProfileFields) -> Self {
        Self {
            name: f.name,
            market_rent_psf: f.market_rent_psf,
            term_years: f.term_years,
            renewal_probability: f.renewal_probability,
            downtime_months: f.downtime_months,
            free_rent_new_months: f.free_rent_new_months,
            free_rent_renewal_months: f.free_rent_renewal_months,
            ti_new_psf: f.ti_new_psf,
            ti_renewal_psf: f.ti_renewal_psf,
            lc_new_pct: f.lc_new_pct,
            lc_renewal_pct: f.lc_renewal_pct,
            escalation_pct: f.escalation_pct,
            recovery: f.recovery.into(),
        }
    }
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
        let saved = dcf_terms::create_expense(&caller(ctx)?, &input.property_id, input.expense.into()).await?;
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
        let saved = dcf_terms::update_expense(&caller(ctx)?, &input.id, input.expense.into()).await?;
        Ok(OperatingExpensePayload {
            expense: OperatingExpense(saved),
        })
    }

    /// Deletes an operating expense line. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_operating_expense(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        dcf_terms::delete_expense(&caller(ctx)?, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Adds a market leasing profile to a property (CONFLICT when the name is taken). Requires
    /// operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_market_leasing_profile(
        &self,
        ctx: &Context<'_>,
        input: CreateMarketLeasingProfileInput,
    ) -> Result<MarketLeasingProfilePayload> {
        let saved = dcf_terms::create_profile(&caller(ctx)?, &input.property_id, input.profile.into()).await?;
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
        let saved = dcf_terms::update_profile(&caller(ctx)?, &input.id, input.profile.into()).await?;
        Ok(MarketLeasingProfilePayload {
            profile: MarketLeasingProfile(saved),
        })
    }

    /// Deletes a market leasing profile. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_market_leasing_profile(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        dcf_terms::delete_profile(&caller(ctx)?, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
