//! Lease and unit-mix CRUD. Requires operator. An update replaces all fields of the row.
use super::DeletePayload;
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::enums::Recovery;
use crate::graphql::types::lease::{Lease, UnitType};
use crate::services::documents::Documents;
use crate::services::leases;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use std::sync::Arc;

#[derive(Default)]
pub struct LeaseMutations;

/// A lease's fields (docs/dcf.md); a vacant suite needs only area and MLA.
#[derive(InputObject)]
pub struct LeaseFields {
    pub tenant_name: Option<String>,
    pub suite: Option<String>,
    #[graphql(default)]
    pub vacant: bool,
    pub area_sf: f64,
    /// First month, `YYYY-MM`.
    pub start: Option<String>,
    /// Last month (inclusive), `YYYY-MM`.
    pub end: Option<String>,
    /// Annual base rent per square foot.
    pub rent_psf: Option<f64>,
    #[graphql(default)]
    pub escalation_pct: f64,
    #[graphql(default)]
    pub free_rent_months: i32,
    #[graphql(default_with = "Recovery::Gross")]
    pub recovery: Recovery,
    /// Required for BASE_YEAR.
    pub expense_stop_psf: Option<f64>,
    pub renewal_probability: Option<f64>,
    pub mla: String,
}

#[derive(InputObject)]
pub struct CreateLeaseInput {
    pub property_id: ID,
    #[graphql(flatten)]
    pub lease: LeaseFields,
}

#[derive(InputObject)]
pub struct UpdateLeaseInput {
    pub id: ID,
    #[graphql(flatten)]
    pub lease: LeaseFields,
}

/// A unit type's fields.
#[derive(InputObject)]
pub struct UnitMixFields {
    pub unit_type: String,
    pub units: i32,
    pub avg_area_sf: Option<f64>,
    /// In-place monthly rent per unit.
    pub current_rent: f64,
    /// Market monthly rent per unit.
    pub market_rent: f64,
}

#[derive(InputObject)]
pub struct CreateUnitMixInput {
    pub property_id: ID,
    #[graphql(flatten)]
    pub unit: UnitMixFields,
}

#[derive(InputObject)]
pub struct UpdateUnitMixInput {
    pub id: ID,
    #[graphql(flatten)]
    pub unit: UnitMixFields,
}

#[derive(SimpleObject)]
pub struct LeasePayload {
    pub lease: Lease,
}

#[derive(SimpleObject)]
pub struct UnitMixPayload {
    pub unit_type: UnitType,
}

impl From<LeaseFields> for leases::LeaseFields {
    fn from(f: LeaseFields) -> Self {
        Self {
            tenant_name: f.tenant_name,
            suite: f.suite,
            vacant: f.vacant,
            area_sf: f.area_sf,
            start: f.start,
            end: f.end,
            rent_psf: f.rent_psf,
            escalation_pct: f.escalation_pct,
            free_rent_months: f.free_rent_months,
            recovery: f.recovery.into(),
            expense_stop_psf: f.expense_stop_psf,
            renewal_probability: f.renewal_probability,
            mla: f.mla,
        }
    }
}

impl From<UnitMixFields> for leases::UnitMixFields {
    fn from(f: UnitMixFields) -> Self {
        Self {
            unit_type: f.unit_type,
            units: f.units,
            avg_area_sf: f.avg_area_sf,
            current_rent: f.current_rent,
            market_rent: f.market_rent,
        }
    }
}

#[Object]
impl LeaseMutations {
    /// Adds a lease or vacant suite to a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_lease(&self, ctx: &Context<'_>, input: CreateLeaseInput) -> Result<LeasePayload> {
        let saved = leases::create_lease(&caller(ctx)?, &input.property_id, input.lease.into()).await?;
        Ok(LeasePayload { lease: Lease(saved) })
    }

    /// Replaces a lease's fields. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_lease(&self, ctx: &Context<'_>, input: UpdateLeaseInput) -> Result<LeasePayload> {
        let saved = leases::update_lease(&caller(ctx)?, &input.id, input.lease.into()).await?;
        Ok(LeasePayload { lease: Lease(saved) })
    }

    /// Deletes a lease. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_lease(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        let store = ctx.data_opt::<Arc<Documents>>().map(|d| &d.store);
        leases::delete_lease(&caller(ctx)?, store, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Adds a unit type to a multifamily property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_unit_mix(&self, ctx: &Context<'_>, input: CreateUnitMixInput) -> Result<UnitMixPayload> {
        let saved = leases::create_unit_mix(&caller(ctx)?, &input.property_id, input.unit.into()).await?;
        Ok(UnitMixPayload {
            unit_type: UnitType(saved),
        })
    }

    /// Replaces a unit type's fields. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_unit_mix(&self, ctx: &Context<'_>, input: UpdateUnitMixInput) -> Result<UnitMixPayload> {
        let saved = leases::update_unit_mix(&caller(ctx)?, &input.id, input.unit.into()).await?;
        Ok(UnitMixPayload {
            unit_type: UnitType(saved),
        })
    }

    /// Deletes a unit type. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_unit_mix(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        leases::delete_unit_mix(&caller(ctx)?, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
