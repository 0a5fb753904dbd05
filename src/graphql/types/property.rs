//! `Property` and its nested fields (owners, leases, unit mix, hazards, latest valuation), the
//! nested ones resolved through the request's DataLoader.
use super::document::Document;
use super::enums::{PipelineStage, PropertyStatus, PropertyType};
use super::lease::{Lease, UnitLease, UnitType};
use super::offer::Offer;
use super::owner::PropertyOwner;
use super::property_trust::{PropertyField, PropertyTrust, known_field};
use super::rent_roll_metrics::RentRollMetrics;
use super::valuation::{Hazard, Valuation};
use crate::error::ApiError;
use crate::graphql::context::tx;
use crate::graphql::loaders::{HazardOf, LeasesOf, Loaders, OwnersOf, ProvenanceOf, UnitMixOf, ValuationOf};
use crate::services::{documents, offers};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use reos_entities::property;

/// A property of the caller's tenant.
pub struct Property(pub property::Model);

/// Postal address as entered, plus its normalized form.
#[derive(SimpleObject)]
pub struct Address {
    pub line1: String,
    pub unit: Option<String>,
    pub city: String,
    pub state: String,
    pub postal_code: Option<String>,
    /// Upper-case, USPS-abbreviated form used for de-duplication.
    pub normalized: Option<String>,
}

fn loader<'a>(ctx: &'a Context<'_>) -> Result<&'a Loaders> {
    ctx.data::<Loaders>()
}

pub(crate) fn load_err(e: std::sync::Arc<sea_orm::DbErr>) -> async_graphql::Error {
    ApiError::Internal(anyhow::anyhow!("loading: {e}")).into()
}

/// The fields of `Property` that read only the property row's own columns (their resolvers
/// above), with those columns; the children's fields read only the id, which every row has.
/// Whatever a selection holds besides these (`field`, `rentRoll`, `trust`, ...) needs whole rows.
pub const COLUMN_FIELDS: &[(&str, &[property::Column])] = {
    use property::Column as C;
    &[
        ("__typename", &[]),
        ("id", &[]),
        ("externalId", &[C::ExternalId]),
        ("name", &[C::Name]),
        (
            "address",
            &[
                C::AddressLine1,
                C::Unit,
                C::City,
                C::State,
                C::PostalCode,
                C::NormalizedAddress,
            ],
        ),
        ("latitude", &[C::Latitude]),
        ("longitude", &[C::Longitude]),
        ("propertyType", &[C::PropertyType]),
        ("buildingType", &[C::BuildingType]),
        ("neighborhood", &[C::Neighborhood]),
        ("livingAreaSf", &[C::LivingAreaSf]),
        ("lotAreaSf", &[C::LotAreaSf]),
        ("yearBuilt", &[C::YearBuilt]),
        ("yearRemodeled", &[C::YearRemodeled]),
        ("bedrooms", &[C::Bedrooms]),
        ("fullBaths", &[C::FullBaths]),
        ("halfBaths", &[C::HalfBaths]),
        ("basementSf", &[C::BasementSf]),
        ("garageCars", &[C::GarageCars]),
        ("conditionScore", &[C::ConditionScore]),
        ("stories", &[C::Stories]),
        ("fireplaces", &[C::Fireplaces]),
        ("centralAir", &[C::CentralAir]),
        ("porchSf", &[C::PorchSf]),
        ("deckSf", &[C::DeckSf]),
        ("poolSf", &[C::PoolSf]),
        ("listPrice", &[C::ListPrice]),
        ("purchasePrice", &[C::PurchasePrice]),
        ("unitsCount", &[C::UnitsCount]),
        ("buildingAreaSf", &[C::BuildingAreaSf]),
        ("parkingSpaces", &[C::ParkingSpaces]),
        ("status", &[C::Status]),
        ("pipelineStage", &[C::PipelineStage]),
        ("source", &[C::Source]),
        ("createdAt", &[C::CreatedAt]),
        ("updatedAt", &[C::UpdatedAt]),
        ("owners", &[]),
        ("leases", &[]),
        ("unitMix", &[]),
        ("unitLeases", &[]),
        ("hazards", &[]),
        ("offers", &[]),
        ("documents", &[]),
        ("latestValuation", &[]),
    ]
};

/// The columns a selection of `Property` fields (every occurrence of `node`, fragments
/// included) reads, or `None` when it needs whole rows.
pub fn columns_read(node: &async_graphql::Lookahead<'_>) -> Option<Vec<property::Column>> {
    let mut columns = Vec::new();
    for occurrence in node.selection_fields() {
        for field in occurrence.selection_set() {
            let (_, cols) = COLUMN_FIELDS.iter().find(|(name, _)| *name == field.name())?;
            columns.extend_from_slice(cols);
        }
    }
    Some(columns)
}

#[Object]
impl Property {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn external_id(&self) -> Option<&str> {
        self.0.external_id.as_deref()
    }
    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }
    async fn address(&self) -> Address {
        let m = &self.0;
        Address {
            line1: m.address_line1.clone(),
            unit: m.unit.clone(),
            city: m.city.clone(),
            state: m.state.clone(),
            postal_code: m.postal_code.clone(),
            normalized: m.normalized_address.clone(),
        }
    }
    async fn latitude(&self) -> Option<f64> {
        self.0.latitude
    }
    async fn longitude(&self) -> Option<f64> {
        self.0.longitude
    }
    async fn property_type(&self) -> PropertyType {
        self.0.property_type.into()
    }
    async fn building_type(&self) -> Option<&str> {
        self.0.building_type.as_deref()
    }
    async fn neighborhood(&self) -> Option<&str> {
        self.0.neighborhood.as_deref()
    }
    async fn living_area_sf(&self) -> Option<f64> {
        self.0.living_area_sf
    }
    async fn lot_area_sf(&self) -> Option<f64> {
        self.0.lot_area_sf
    }
    async fn year_built(&self) -> Option<i32> {
        self.0.year_built
    }
    async fn year_remodeled(&self) -> Option<i32> {
        self.0.year_remodeled
    }
    async fn bedrooms(&self) -> Option<i32> {
        self.0.bedrooms
    }
    async fn full_baths(&self) -> Option<i32> {
        self.0.full_baths
    }
    async fn half_baths(&self) -> Option<i32> {
        self.0.half_baths
    }
    async fn basement_sf(&self) -> Option<f64> {
        self.0.basement_sf
    }
    async fn garage_cars(&self) -> Option<i32> {
        self.0.garage_cars
    }
    /// 1 (poor) to 10 (excellent).
    async fn condition_score(&self) -> Option<i32> {
        self.0.condition_score
    }
    async fn stories(&self) -> Option<&str> {
        self.0.stories.as_deref()
    }
    async fn fireplaces(&self) -> Option<i32> {
        self.0.fireplaces
    }
    async fn central_air(&self) -> Option<bool> {
        self.0.central_air
    }
    async fn porch_sf(&self) -> Option<f64> {
        self.0.porch_sf
    }
    async fn deck_sf(&self) -> Option<f64> {
        self.0.deck_sf
    }
    async fn pool_sf(&self) -> Option<f64> {
        self.0.pool_sf
    }
    async fn list_price(&self) -> Option<f64> {
        self.0.list_price
    }
    async fn purchase_price(&self) -> Option<f64> {
        self.0.purchase_price
    }
    async fn units_count(&self) -> Option<i32> {
        self.0.units_count
    }
    async fn building_area_sf(&self) -> Option<f64> {
        self.0.building_area_sf
    }
    /// Parking spaces that come with the property (garage, lot or deeded stalls).
    async fn parking_spaces(&self) -> Option<i32> {
        self.0.parking_spaces
    }
    async fn status(&self) -> PropertyStatus {
        self.0.status.into()
    }
    async fn pipeline_stage(&self) -> PipelineStage {
        self.0.pipeline_stage.into()
    }
    async fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }

    /// Owners with their shares (batched).
    async fn owners(&self, ctx: &Context<'_>) -> Result<Vec<PropertyOwner>> {
        let rows = loader(ctx)?.load_one(OwnersOf(self.0.id)).await.map_err(load_err)?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(|(o, w)| PropertyOwner(o, w))
            .collect())
    }

    /// Commercial leases and vacant suites (batched).
    async fn leases(&self, ctx: &Context<'_>) -> Result<Vec<Lease>> {
        let rows = loader(ctx)?.load_one(LeasesOf(self.0.id)).await.map_err(load_err)?;
        Ok(rows.unwrap_or_default().into_iter().map(Lease).collect())
    }

    /// Multifamily unit types (batched).
    async fn unit_mix(&self, ctx: &Context<'_>) -> Result<Vec<UnitType>> {
        let rows = loader(ctx)?.load_one(UnitMixOf(self.0.id)).await.map_err(load_err)?;
        Ok(rows.unwrap_or_default().into_iter().map(UnitType).collect())
    }

    /// Multifamily units one by one (from a rent roll or confirmed residential leases), by unit.
    /// Requires analyst (residents are named).
    #[graphql(guard = "crate::graphql::guards::RoleGuard::new(crate::auth::Role::Analyst)")]
    async fn unit_leases(&self, ctx: &Context<'_>) -> Result<Vec<UnitLease>> {
        let rows = crate::services::unit_leases::of(tx(ctx)?, self.0.id).await?;
        Ok(rows.into_iter().map(UnitLease).collect())
    }

    /// The newest hazard assessment (batched).
    async fn hazards(&self, ctx: &Context<'_>) -> Result<Option<Hazard>> {
        Ok(loader(ctx)?
            .load_one(HazardOf(self.0.id))
            .await
            .map_err(load_err)?
            .flatten()
            .map(Hazard))
    }

    /// Offers on this property, newest first.
    async fn offers(&self, ctx: &Context<'_>) -> Result<Vec<Offer>> {
        let rows = offers::of_property(tx(ctx)?, self.0.id).await?;
        Ok(rows.into_iter().map(Offer).collect())
    }

    /// Documents of this property and of its leases and offers, newest first. Requires analyst.
    #[graphql(guard = "crate::graphql::guards::RoleGuard::new(crate::auth::Role::Analyst)")]
    async fn documents(&self, ctx: &Context<'_>) -> Result<Vec<Document>> {
        let rows = documents::of_property(tx(ctx)?, self.0.id).await?;
        Ok(rows.into_iter().map(Document).collect())
    }

    /// The newest saved valuation of any model (batched).
    async fn latest_valuation(&self, ctx: &Context<'_>) -> Result<Option<Valuation>> {
        Ok(loader(ctx)?
            .load_one(ValuationOf(self.0.id))
            .await
            .map_err(load_err)?
            .flatten()
            .map(Valuation))
    }

    /// One field (import-format name, e.g. `bedrooms`, `zip`, `flood_score`): its current value,
    /// trust and provenance history (batched).
    async fn field(&self, ctx: &Context<'_>, name: String) -> Result<PropertyField> {
        if !known_field(&name) {
            return Err(
                ApiError::bad_input("name", "not a property field of the import format (docs/pipeline.md)").into(),
            );
        }
        let rows = loader(ctx)?
            .load_one(ProvenanceOf(self.0.id))
            .await
            .map_err(load_err)?
            .unwrap_or_default();
        let current = crate::services::property_import::map::to_map(&self.0).remove(&name);
        // Fields not stored on the property (hazard scores, owner) answer with their last written value.
        let value = current
            .or_else(|| rows.iter().rev().find(|r| r.field == name).map(|r| r.value.clone()))
            .unwrap_or(serde_json::Value::Null);
        let config = ctx.data::<std::sync::Arc<crate::services::property_import::PipelineConfig>>()?;
        Ok(super::property_trust::field(
            &config.settings.trust,
            &name,
            value,
            &rows,
        ))
    }

    /// The rent-roll metrics of what the property stores, at `asOf` (default today): its leases
    /// and vacant suites (rents escalated to `asOf` as the DCF does, market rents from their
    /// leasing profiles), or a multifamily property's unit mix (every unit counted as let, so
    /// occupancy is null). The same numbers as a previewed roll's (docs/rent-roll.md). Requires
    /// analyst.
    #[graphql(
        guard = "crate::graphql::guards::RoleGuard::new(crate::auth::Role::Analyst)",
        complexity = "super::rent_roll_metrics::STORED_RENT_ROLL + child_complexity"
    )]
    async fn rent_roll(&self, ctx: &Context<'_>, as_of: Option<chrono::NaiveDate>) -> Result<RentRollMetrics> {
        let as_of = as_of.unwrap_or_else(crate::services::valuations::today);
        let stored = crate::services::rent_roll::for_property(tx(ctx)?, &self.0, as_of).await?;
        Ok(RentRollMetrics::stored(stored))
    }

    /// Trust summary over the fields with provenance (none when nothing was recorded; batched).
    async fn trust(&self, ctx: &Context<'_>) -> Result<Option<PropertyTrust>> {
        let rows = loader(ctx)?
            .load_one(ProvenanceOf(self.0.id))
            .await
            .map_err(load_err)?
            .unwrap_or_default();
        let config = ctx.data::<std::sync::Arc<crate::services::property_import::PipelineConfig>>()?;
        Ok(super::property_trust::summary(&config.settings.trust, &rows))
    }
}
