//! Owner CRUD and ownership (`addOwnership`, `removeOwnership`). Requires operator.
use super::DeletePayload;
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::enums::OwnerType;
use crate::graphql::types::owner::{Owner, PropertyOwner};
use crate::services::owners;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

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

impl From<CreateOwnerInput> for owners::OwnerFields {
    fn from(i: CreateOwnerInput) -> Self {
        Self {
            name: Some(i.name),
            owner_type: Some(i.owner_type.into()),
            tax_id: i.tax_id,
            email: i.email,
            phone: i.phone,
            mailing_address: i.mailing_address,
        }
    }
}

impl From<UpdateOwnerInput> for owners::OwnerFields {
    fn from(i: UpdateOwnerInput) -> Self {
        Self {
            name: i.name,
            owner_type: i.owner_type.map(Into::into),
            tax_id: i.tax_id,
            email: i.email,
            phone: i.phone,
            mailing_address: i.mailing_address,
        }
    }
}

#[Object]
impl OwnerMutations {
    /// Creates an owner. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_owner(&self, ctx: &Context<'_>, input: CreateOwnerInput) -> Result<OwnerPayload> {
        let saved = owners::create(&caller(ctx)?, input.into()).await?;
        Ok(OwnerPayload { owner: Owner(saved) })
    }

    /// Changes the given fields of an owner. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_owner(&self, ctx: &Context<'_>, input: UpdateOwnerInput) -> Result<OwnerPayload> {
        let id = input.id.clone();
        let saved = owners::update(&caller(ctx)?, &id, input.into()).await?;
        Ok(OwnerPayload { owner: Owner(saved) })
    }

    /// Deletes an owner and its ownership records. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_owner(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        owners::delete(&caller(ctx)?, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Records that an owner holds a share of a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn add_ownership(&self, ctx: &Context<'_>, input: AddOwnershipInput) -> Result<OwnershipPayload> {
        let new = owners::NewOwnership {
            property_id: input.property_id.0,
            owner_id: input.owner_id.0,
            share_pct: input.share_pct,
            acquired_on: input.acquired_on,
            acquisition_price: input.acquisition_price,
        };
        let (saved, owner) = owners::add_ownership(&caller(ctx)?, new).await?;
        Ok(OwnershipPayload {
            ownership: PropertyOwner(saved, owner),
        })
    }

    /// Removes an ownership record. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn remove_ownership(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        owners::remove_ownership(&caller(ctx)?, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
