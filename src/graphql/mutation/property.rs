//! `createProperty`, `updateProperty`, `deleteProperty`. Requires operator.
use super::{DeletePayload, delete_recorded, existing, fields, record};
use crate::auth::Role;
use crate::error::ApiError;
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::property::Property;
use crate::graphql::types::property_input::{
    CreatePropertyInput, UpdatePropertyInput, apply_address, apply_attributes, validate, validate_address,
};
use crate::services::property_import::map::to_map;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use reos_entities::property;
use sea_orm::{ActiveModelTrait, NotSet, Set, TryIntoModel};
use uuid::Uuid;

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
        let r = req(ctx)?;
        validate_address(&input.address)?;
        let now = chrono::Utc::now();
        let mut am = property::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_type: Set(input.property_type.as_db().to_owned()),
            status: Set("active".into()),
            pipeline_stage: Set("sourced".into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        for_all_optional_none(&mut am);
        apply_address(&mut am, input.address);
        let attrs = input.attributes;
        let check = attrs.clone();
        apply_attributes(&mut am, attrs);
        let merged = am.clone().try_into_model().map_err(|e| ApiError::Internal(e.into()))?;
        validate(&check, &merged)?;
        let saved = am.insert(r.tx.conn()).await.map_err(ApiError::from)?;
        record(r, "create", "property", saved.id, serde_json::json!({})).await?;
        fields(r, "property", saved.id, None, to_map(&saved)).await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Property, saved.id).await?;
        Ok(PropertyPayload {
            property: Property(saved),
        })
    }

    /// Changes the given fields of a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_property(&self, ctx: &Context<'_>, input: UpdatePropertyInput) -> Result<PropertyPayload> {
        let r = req(ctx)?;
        let existing = existing::<property::Entity>(r, &input.id, "property").await?;
        let before = to_map(&existing);
        let mut am: property::ActiveModel = existing.into();
        if let Some(address) = input.address {
            validate_address(&address)?;
            apply_address(&mut am, address);
        }
        if let Some(t) = input.property_type {
            am.property_type = Set(t.as_db().to_owned());
        }
        let check = input.attributes.clone();
        apply_attributes(&mut am, input.attributes);
        am.updated_at = Set(chrono::Utc::now());
        let merged = am.clone().try_into_model().map_err(|e| ApiError::Internal(e.into()))?;
        validate(&check, &merged)?;
        let saved = am.update(r.tx.conn()).await.map_err(ApiError::from)?;
        record(r, "update", "property", saved.id, serde_json::json!({})).await?;
        fields(r, "property", saved.id, Some(before), to_map(&saved)).await?;
        crate::graph::outbox::record(ctx, crate::graph::outbox::OutboxKind::Property, saved.id).await?;
        Ok(PropertyPayload {
            property: Property(saved),
        })
    }

    /// Deletes a property with its leases, unit mix, ownership, hazards and valuations. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_property(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        super::document::objects_follow(ctx, crate::services::documents::Parent::Property, &id).await?;
        let out = delete_recorded::<property::Entity>(req(ctx)?, id, "property", "property").await?;
        crate::graph::outbox::record_id(ctx, crate::graph::outbox::OutboxKind::Property, &out.deleted_id).await?;
        Ok(out)
    }
}

/// Optional columns start as NULL on create (attributes then overwrite what is given).
fn for_all_optional_none(am: &mut property::ActiveModel) {
    macro_rules! none {
        ($($f:ident),*) => {$( if matches!(am.$f, NotSet) { am.$f = Set(None); } )*};
    }
    none!(
        external_id,
        name,
        unit,
        postal_code,
        normalized_address,
        address_hash,
        latitude,
        longitude,
        building_type,
        neighborhood,
        living_area_sf,
        lot_area_sf,
        year_built,
        year_remodeled,
        bedrooms,
        full_baths,
        half_baths,
        basement_sf,
        garage_cars,
        condition_score,
        stories,
        fireplaces,
        central_air,
        porch_sf,
        deck_sf,
        pool_sf,
        list_price,
        purchase_price,
        units_count,
        building_area_sf,
        source
    );
}
