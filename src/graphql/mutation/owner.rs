//! Owner CRUD and ownership (`addOwnership`, `removeOwnership`). Requires operator.
use super::{DeletePayload, delete_recorded, existing, parent, record};
use crate::auth::Role;
use crate::domain::rules;
use crate::error::ApiError;
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::enums::OwnerType;
use crate::graphql::types::owner::{Owner, PropertyOwner};
use crate::persistence::repositories::owners;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use reos_entities::{owner, property_ownership};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

#[derive(Default)]
pub struct OwnerMutations;

/// Input of `createOwner`.
#[derive(InputObject)]
pub struct CreateOwnerInput {
    pub name: String,
    pub owner_type: OwnerType,
    pub tax_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mailing_address: Option<String>,
}

/// Input of `updateOwner`: only the given fields change.
#[derive(InputObject)]
pub struct UpdateOwnerInput {
    pub id: ID,
    pub name: Option<String>,
    pub owner_type: Option<OwnerType>,
    pub tax_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mailing_address: Option<String>,
}

/// Input of `addOwnership`.
#[derive(InputObject)]
pub struct AddOwnershipInput {
    pub property_id: ID,
    pub owner_id: ID,
    /// Percent in (0, 100]; all owners of a property together hold at most 100.
    pub share_pct: f64,
    pub acquired_on: Option<chrono::NaiveDate>,
    pub acquisition_price: Option<f64>,
}

#[derive(SimpleObject)]
pub struct OwnerPayload {
    pub owner: Owner,
}

#[derive(SimpleObject)]
pub struct OwnershipPayload {
    pub ownership: PropertyOwner,
}

fn check_email(field: &str, email: Option<&str>) -> Result<(), ApiError> {
    match email {
        Some(e) if !e.contains('@') || e.trim() != e => Err(ApiError::bad_input(field, "not an e-mail address")),
        _ => Ok(()),
    }
}

#[Object]
impl OwnerMutations {
    /// Creates an owner. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_owner(&self, ctx: &Context<'_>, input: CreateOwnerInput) -> Result<OwnerPayload> {
        let r = req(ctx)?;
        rules::non_empty("input.name", Some(&input.name))?;
        check_email("input.email", input.email.as_deref())?;
        let now = chrono::Utc::now();
        let saved = owner::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            normalized_name: Set(owners::normalize_name(&input.name)),
            name: Set(input.name.trim().to_owned()),
            owner_type: Set(input.owner_type.as_db().to_owned()),
            tax_id: Set(input.tax_id),
            email: Set(input.email),
            phone: Set(input.phone),
            mailing_address: Set(input.mailing_address),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(r.tx.conn())
        .await
        .map_err(ApiError::from)?;
        record(r, "create", "owner", saved.id, serde_json::json!({})).await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Owner, saved.id).await?;
        Ok(OwnerPayload { owner: Owner(saved) })
    }

    /// Changes the given fields of an owner. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_owner(&self, ctx: &Context<'_>, input: UpdateOwnerInput) -> Result<OwnerPayload> {
        let r = req(ctx)?;
        let existing = existing::<owner::Entity>(r, &input.id, "owner").await?;
        rules::non_empty("input.name", input.name.as_deref())?;
        check_email("input.email", input.email.as_deref())?;
        let mut am: owner::ActiveModel = existing.into();
        if let Some(name) = input.name {
            am.normalized_name = Set(owners::normalize_name(&name));
            am.name = Set(name.trim().to_owned());
        }
        if let Some(t) = input.owner_type {
            am.owner_type = Set(t.as_db().to_owned());
        }
        if input.tax_id.is_some() {
            am.tax_id = Set(input.tax_id);
        }
        if input.email.is_some() {
            am.email = Set(input.email);
        }
        if input.phone.is_some() {
            am.phone = Set(input.phone);
        }
        if input.mailing_address.is_some() {
            am.mailing_address = Set(input.mailing_address);
        }
        am.updated_at = Set(chrono::Utc::now());
        let saved = am.update(r.tx.conn()).await.map_err(ApiError::from)?;
        record(r, "update", "owner", saved.id, serde_json::json!({})).await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Owner, saved.id).await?;
        Ok(OwnerPayload { owner: Owner(saved) })
    }

    /// Deletes an owner and its ownership records. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_owner(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        let out = delete_recorded::<owner::Entity>(req(ctx)?, id, "owner", "owner").await?;
        crate::graph::outbox::record_id(ctx, crate::graph::outbox::OutboxKind::Owner, &out.deleted_id).await?;
        Ok(out)
    }

    /// Records that an owner holds a share of a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn add_ownership(&self, ctx: &Context<'_>, input: AddOwnershipInput) -> Result<OwnershipPayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        let owner = existing::<owner::Entity>(r, &input.owner_id, "owner").await?;
        let owner_id = owner.id;
        if !(input.share_pct > 0.0 && input.share_pct <= 100.0) {
            return Err(ApiError::bad_input("input.sharePct", "must be above 0 and at most 100").into());
        }
        rules::positive("input.acquisitionPrice", input.acquisition_price)?;
        let held = owners::share_total(&r.tx, property_id, None)
            .await
            .map_err(ApiError::from)?;
        if held + input.share_pct > 100.0 + 1e-9 {
            return Err(ApiError::bad_input(
                "input.sharePct",
                format!(
                    "owners already hold {held}% of this property; at most {}% remains",
                    100.0 - held
                ),
            )
            .into());
        }
        let saved = property_ownership::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_id: Set(property_id),
            owner_id: Set(owner_id),
            share_pct: Set(input.share_pct),
            acquired_on: Set(input.acquired_on),
            acquisition_price: Set(input.acquisition_price),
            created_at: Set(chrono::Utc::now()),
        }
        .insert(r.tx.conn())
        .await
        .map_err(ApiError::from)?;
        record(
            r,
            "create",
            "property_ownership",
            saved.id,
            serde_json::json!({"property_id": property_id, "owner_id": owner_id}),
        )
        .await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Ownership, saved.id).await?;
        Ok(OwnershipPayload {
            ownership: PropertyOwner(saved, owner),
        })
    }

    /// Removes an ownership record. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn remove_ownership(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        let out =
            delete_recorded::<property_ownership::Entity>(req(ctx)?, id, "ownership", "property_ownership").await?;
        crate::graph::outbox::record_id(ctx, crate::graph::outbox::OutboxKind::Ownership, &out.deleted_id).await?;
        Ok(out)
    }
}
