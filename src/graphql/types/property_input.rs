//! Inputs of the property listing and mutations, and how they are validated and applied.
use super::enums::{PipelineStage, PropertyStatus, PropertyType, SortDirection};
use crate::domain::rules;
use crate::error::ApiResult;
use crate::persistence::repositories::properties::{PropertyQuery, PropertySort};
use async_graphql::{Enum, ID, InputObject};
use reos_entities::property;
use sea_orm::Set;

/// Listing filters, combined with AND.
#[derive(InputObject, Default)]
pub struct PropertyFilter {
    pub city: Option<String>,
    /// Two-letter state code.
    pub state: Option<String>,
    pub property_type: Option<PropertyType>,
    pub status: Option<PropertyStatus>,
    /// Inclusive lower bound on list price.
    pub min_price: Option<f64>,
    /// Inclusive upper bound on list price.
    pub max_price: Option<f64>,
    pub bounding_box: Option<BoundingBox>,
}

/// A latitude/longitude rectangle.
#[derive(InputObject, Clone, Copy)]
pub struct BoundingBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

/// Sort keys of `properties`.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum PropertyOrderField {
    #[default]
    CreatedAt,
    UpdatedAt,
    ListPrice,
    City,
}

/// Ordering of `properties` (ties broken by id).
#[derive(InputObject, Default)]
pub struct PropertyOrder {
    #[graphql(default)]
    pub field: PropertyOrderField,
    #[graphql(default)]
    pub direction: SortDirection,
}

impl PropertyFilter {
    /// Validates and converts to the repository's query.
    pub fn into_query(self) -> ApiResult<PropertyQuery> {
        rules::non_negative("filter.minPrice", self.min_price)?;
        rules::non_negative("filter.maxPrice", self.max_price)?;
        if let (Some(lo), Some(hi)) = (self.min_price, self.max_price)
            && lo > hi
        {
            return Err(crate::error::ApiError::bad_input(
                "filter.maxPrice",
                "must not be below minPrice",
            ));
        }
        let bbox = match self.bounding_box {
            Some(b) => {
                rules::coordinates("filter.boundingBox.", Some(b.south), Some(b.west))?;
                rules::coordinates("filter.boundingBox.", Some(b.north), Some(b.east))?;
                if b.south > b.north {
                    return Err(crate::error::ApiError::bad_input(
                        "filter.boundingBox.north",
                        "must not be south of south",
                    ));
                }
                Some((b.south, b.west, b.north, b.east))
            }
            None => None,
        };
        Ok(PropertyQuery {
            city: self.city,
            state: self.state.map(|s| s.to_uppercase()),
            property_type: self.property_type.map(|t| t.as_db().to_owned()),
            status: self.status.map(|s| s.as_db().to_owned()),
            min_price: self.min_price,
            max_price: self.max_price,
            bbox,
        })
    }
}

impl PropertyOrder {
    pub fn sort(&self) -> (PropertySort, bool) {
        let sort = match self.field {
            PropertyOrderField::CreatedAt => PropertySort::CreatedAt,
            PropertyOrderField::UpdatedAt => PropertySort::UpdatedAt,
            PropertyOrderField::ListPrice => PropertySort::ListPrice,
            PropertyOrderField::City => PropertySort::City,
        };
        (sort, self.direction == SortDirection::Desc)
    }
}

/// Postal address.
#[derive(InputObject)]
pub struct AddressInput {
    pub line1: String,
    pub unit: Option<String>,
    pub city: String,
    /// Two-letter state code.
    pub state: String,
    pub postal_code: Option<String>,
}

/// Optional attributes shared by create and update; an absent field is left as it is.
#[derive(InputObject, Default, Clone)]
pub struct PropertyAttributesInput {
    pub external_id: Option<String>,
    pub name: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub building_type: Option<String>,
    pub neighborhood: Option<String>,
    pub living_area_sf: Option<f64>,
    pub lot_area_sf: Option<f64>,
    pub year_built: Option<i32>,
    pub year_remodeled: Option<i32>,
    pub bedrooms: Option<i32>,
    pub full_baths: Option<i32>,
    pub half_baths: Option<i32>,
    pub basement_sf: Option<f64>,
    pub garage_cars: Option<i32>,
    /// 1 (poor) to 10 (excellent).
    pub condition_score: Option<i32>,
    pub stories: Option<String>,
    pub fireplaces: Option<i32>,
    pub central_air: Option<bool>,
    pub porch_sf: Option<f64>,
    pub deck_sf: Option<f64>,
    pub pool_sf: Option<f64>,
    pub list_price: Option<f64>,
    pub purchase_price: Option<f64>,
    pub units_count: Option<i32>,
    pub building_area_sf: Option<f64>,
    pub status: Option<PropertyStatus>,
    pub pipeline_stage: Option<PipelineStage>,
    pub source: Option<String>,
}

/// Input of `createProperty`.
#[derive(InputObject)]
pub struct CreatePropertyInput {
    pub address: AddressInput,
    pub property_type: PropertyType,
    #[graphql(flatten)]
    pub attributes: PropertyAttributesInput,
}

/// Input of `updateProperty`: only the given fields change.
#[derive(InputObject)]
pub struct UpdatePropertyInput {
    pub id: ID,
    pub address: Option<AddressInput>,
    pub property_type: Option<PropertyType>,
    #[graphql(flatten)]
    pub attributes: PropertyAttributesInput,
}

/// Checks each given attribute on its own, then the cross-field rules against `merged`.
pub fn validate(a: &PropertyAttributesInput, merged: &property::Model) -> ApiResult<()> {
    rules::non_empty("input.externalId", a.external_id.as_deref())?;
    for (field, v) in [
        ("input.livingAreaSf", a.living_area_sf),
        ("input.lotAreaSf", a.lot_area_sf),
        ("input.buildingAreaSf", a.building_area_sf),
        ("input.listPrice", a.list_price),
        ("input.purchasePrice", a.purchase_price),
    ] {
        rules::positive(field, v)?;
    }
    for (field, v) in [
        ("input.basementSf", a.basement_sf),
        ("input.porchSf", a.porch_sf),
        ("input.deckSf", a.deck_sf),
        ("input.poolSf", a.pool_sf),
    ] {
        rules::non_negative(field, v)?;
    }
    for (field, v) in [
        ("input.bedrooms", a.bedrooms),
        ("input.fullBaths", a.full_baths),
        ("input.halfBaths", a.half_baths),
        ("input.garageCars", a.garage_cars),
        ("input.fireplaces", a.fireplaces),
    ] {
        rules::non_negative_int(field, v)?;
    }
    rules::int_range("input.unitsCount", a.units_count, 1, 100_000)?;
    rules::int_range("input.conditionScore", a.condition_score, 1, 10)?;
    rules::year("input.yearBuilt", a.year_built)?;
    rules::year("input.yearRemodeled", a.year_remodeled)?;
    rules::coordinates("input.", merged.latitude, merged.longitude)?;
    if let (Some(built), Some(remodeled)) = (merged.year_built, merged.year_remodeled)
        && remodeled < built
    {
        return Err(crate::error::ApiError::bad_input(
            "input.yearRemodeled",
            "must not be before yearBuilt",
        ));
    }
    Ok(())
}

pub fn validate_address(a: &AddressInput) -> ApiResult<()> {
    rules::non_empty("input.address.line1", Some(&a.line1))?;
    rules::non_empty("input.address.city", Some(&a.city))?;
    if a.state.len() != 2 || !a.state.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(crate::error::ApiError::bad_input(
            "input.address.state",
            "must be a two-letter state code",
        ));
    }
    Ok(())
}

/// Writes the address into the model (state upper-cased, a normalized form kept for matching).
pub fn apply_address(am: &mut property::ActiveModel, a: AddressInput) {
    let normalized = [
        Some(a.line1.as_str()),
        a.unit.as_deref(),
        Some(a.city.as_str()),
        Some(a.state.as_str()),
        a.postal_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase())
    .collect::<Vec<_>>()
    .join(", ");
    am.address_line1 = Set(a.line1.trim().to_owned());
    am.unit = Set(a.unit);
    am.city = Set(a.city.trim().to_owned());
    am.state = Set(a.state.to_uppercase());
    am.postal_code = Set(a.postal_code);
    am.normalized_address = Set(Some(normalized));
}

macro_rules! set_some {
    ($am:ident, $a:ident, $($f:ident),*) => {$(
        if let Some(v) = $a.$f { $am.$f = Set(Some(v)); }
    )*};
}

/// Writes the given attributes into the model.
pub fn apply_attributes(am: &mut property::ActiveModel, a: PropertyAttributesInput) {
    set_some!(
        am,
        a,
        external_id,
        name,
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
    if let Some(s) = a.status {
        am.status = Set(s.as_db().to_owned());
    }
    if let Some(s) = a.pipeline_stage {
        am.pipeline_stage = Set(s.as_db().to_owned());
    }
}
