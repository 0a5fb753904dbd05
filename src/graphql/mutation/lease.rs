//! Lease and unit-mix CRUD. Requires operator. An update replaces all fields of the row.
use super::{DeletePayload, delete_recorded, existing, fields, parent, record};
use crate::auth::Role;
use crate::domain::{month, rules};
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::enums::Recovery;
use crate::graphql::types::lease::{Lease, UnitType};
use crate::services::property_import::children::{lease_map, unit_map};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use reos_entities::{lease, unit_mix};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

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

/// Validates and writes the lease fields into `am`.
fn apply_lease(am: &mut lease::ActiveModel, f: LeaseFields) -> ApiResult<()> {
    rules::positive("input.areaSf", Some(f.area_sf))?;
    rules::non_empty("input.mla", Some(&f.mla))?;
    rules::rate("input.escalationPct", Some(f.escalation_pct))?;
    rules::non_negative_int("input.freeRentMonths", Some(f.free_rent_months))?;
    rules::unit_interval("input.renewalProbability", f.renewal_probability)?;
    rules::non_negative("input.rentPsf", f.rent_psf)?;
    rules::non_negative("input.expenseStopPsf", f.expense_stop_psf)?;
    let parse = |field: &str, v: Option<&str>| -> ApiResult<Option<chrono::NaiveDate>> {
        v.map(|s| month::parse(s).ok_or_else(|| ApiError::bad_input(field, "must be a month, YYYY-MM")))
            .transpose()
    };
    let start = parse("input.start", f.start.as_deref())?;
    let end = parse("input.end", f.end.as_deref())?;
    if !f.vacant {
        if f.tenant_name.as_deref().is_none_or(|s| s.trim().is_empty()) {
            return Err(ApiError::bad_input(
                "input.tenantName",
                "required for an occupied lease",
            ));
        }
        for (field, missing) in [
            ("input.start", start.is_none()),
            ("input.end", end.is_none()),
            ("input.rentPsf", f.rent_psf.is_none()),
        ] {
            if missing {
                return Err(ApiError::bad_input(field, "required for an occupied lease"));
            }
        }
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Err(ApiError::bad_input("input.end", "must not be before start"));
    }
    if f.recovery == Recovery::BaseYear && !f.vacant && f.expense_stop_psf.is_none() {
        return Err(ApiError::bad_input(
            "input.expenseStopPsf",
            "required for a BASE_YEAR lease",
        ));
    }
    am.tenant_name = Set(f.tenant_name);
    am.suite = Set(f.suite);
    am.vacant = Set(f.vacant);
    am.area_sf = Set(f.area_sf);
    am.start_month = Set(start);
    am.end_month = Set(end);
    am.rent_psf = Set(f.rent_psf);
    am.escalation_pct = Set(f.escalation_pct);
    am.free_rent_months = Set(f.free_rent_months);
    am.recovery = Set(f.recovery.as_db().to_owned());
    am.expense_stop_psf = Set(f.expense_stop_psf);
    am.renewal_probability = Set(f.renewal_probability);
    am.mla = Set(f.mla);
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}

fn apply_unit(am: &mut unit_mix::ActiveModel, f: UnitMixFields) -> ApiResult<()> {
    rules::non_empty("input.unitType", Some(&f.unit_type))?;
    rules::int_range("input.units", Some(f.units), 1, 100_000)?;
    rules::positive("input.avgAreaSf", f.avg_area_sf)?;
    rules::non_negative("input.currentRent", Some(f.current_rent))?;
    rules::non_negative("input.marketRent", Some(f.market_rent))?;
    am.unit_type = Set(f.unit_type);
    am.units = Set(f.units);
    am.avg_area_sf = Set(f.avg_area_sf);
    am.current_rent = Set(f.current_rent);
    am.market_rent = Set(f.market_rent);
    am.updated_at = Set(chrono::Utc::now());
    Ok(())
}

#[Object]
impl LeaseMutations {
    /// Adds a lease or vacant suite to a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_lease(&self, ctx: &Context<'_>, input: CreateLeaseInput) -> Result<LeasePayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        let mut am = lease::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_id: Set(property_id),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        };
        apply_lease(&mut am, input.lease)?;
        let saved = am.insert(r.tx.conn()).await.map_err(ApiError::from)?;
        fields(r, "lease", saved.id, None, lease_map(&saved)).await?;
        record(
            r,
            "create",
            "lease",
            saved.id,
            serde_json::json!({"property_id": property_id}),
        )
        .await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Lease, saved.id).await?;
        Ok(LeasePayload { lease: Lease(saved) })
    }

    /// Replaces a lease's fields. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_lease(&self, ctx: &Context<'_>, input: UpdateLeaseInput) -> Result<LeasePayload> {
        let r = req(ctx)?;
        let existing = existing::<lease::Entity>(r, &input.id, "lease").await?;
        let before = lease_map(&existing);
        let mut am: lease::ActiveModel = existing.into();
        apply_lease(&mut am, input.lease)?;
        let saved = am.update(r.tx.conn()).await.map_err(ApiError::from)?;
        fields(r, "lease", saved.id, Some(before), lease_map(&saved)).await?;
        record(r, "update", "lease", saved.id, serde_json::json!({})).await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Lease, saved.id).await?;
        Ok(LeasePayload { lease: Lease(saved) })
    }

    /// Deletes a lease. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_lease(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        super::document::objects_follow(ctx, crate::services::documents::Parent::Lease, &id).await?;
        let out = delete_recorded::<lease::Entity>(req(ctx)?, id, "lease", "lease").await?;
        crate::graph::outbox::record_id(ctx, crate::graph::outbox::OutboxKind::Lease, &out.deleted_id).await?;
        Ok(out)
    }

    /// Adds a unit type to a multifamily property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_unit_mix(&self, ctx: &Context<'_>, input: CreateUnitMixInput) -> Result<UnitMixPayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        let mut am = unit_mix::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_id: Set(property_id),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        };
        apply_unit(&mut am, input.unit)?;
        let saved = am.insert(r.tx.conn()).await.map_err(ApiError::from)?;
        fields(r, "unit_mix", saved.id, None, unit_map(&saved)).await?;
        record(
            r,
            "create",
            "unit_mix",
            saved.id,
            serde_json::json!({"property_id": property_id}),
        )
        .await?;
        Ok(UnitMixPayload {
            unit_type: UnitType(saved),
        })
    }

    /// Replaces a unit type's fields. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_unit_mix(&self, ctx: &Context<'_>, input: UpdateUnitMixInput) -> Result<UnitMixPayload> {
        let r = req(ctx)?;
        let existing = existing::<unit_mix::Entity>(r, &input.id, "unit mix").await?;
        let before = unit_map(&existing);
        let mut am: unit_mix::ActiveModel = existing.into();
        apply_unit(&mut am, input.unit)?;
        let saved = am.update(r.tx.conn()).await.map_err(ApiError::from)?;
        fields(r, "unit_mix", saved.id, Some(before), unit_map(&saved)).await?;
        record(r, "update", "unit_mix", saved.id, serde_json::json!({})).await?;
        Ok(UnitMixPayload {
            unit_type: UnitType(saved),
        })
    }

    /// Deletes a unit type. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_unit_mix(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        delete_recorded::<unit_mix::Entity>(req(ctx)?, id, "unit mix", "unit_mix").await
    }
}
