//! `createProperty`, `updateProperty`, `deleteProperty`. Requires operator.
use super::DeletePayload;
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::property::Property;
use crate::graphql::types::property_input::{CreatePropertyInput, UpdatePropertyInput};
use crate::services::documents::Documents;
use crate::services::properties;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use std::sync::Arc;

#[derive(Default)]
pub struct PropertyMutations;

/// Payload of `createProperty` and `updateProperty`.
#[derive(SimpleObject)]
pub struct PropertyPayload {
    pub property: Property,
}

#[Object]
impl PropertyMutations {
    /// Creates a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_property(&self, ctx: &Context<'_>, input: CreatePropertyInput) -> Result<PropertyPayload> {
        let saved = properties::create(&caller(ctx)?, input.into()).await?;
        Ok(PropertyPayload {
            property: Property(saved),
        })
    }

    /// Changes the given fields of a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_property(&self, ctx: &Context<'_>, input: UpdatePropertyInput) -> Result<PropertyPayload> {
        let saved = properties::update(&caller(ctx)?, input.into()).await?;
        Ok(PropertyPayload {
            property: Property(saved),
        })
    }

    /// Deletes a property with its leases, unit mix, ownership, hazards and valuations. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_property(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        let store = ctx.data_opt::<Arc<Documents>>().map(|d| &d.store);
        properties::delete(&caller(ctx)?, store, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
