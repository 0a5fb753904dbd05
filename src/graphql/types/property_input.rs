//! Inputs of the property listing and mutations, and their conversion into the service inputs.
use super::enums::{PipelineStage, PropertyStatus, PropertyType, SortDirection};
use crate::domain::rules;
use crate::error::ApiResult;
use crate::persistence::repositories::properties::{PropertyQuery, PropertySort};
use crate::services::properties;
use async_graphql::{Enum, ID, InputObject};
use reos_entities::property_attributes::Attributes;

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
            property_type: self.property_type.map(Into::into),
            status: self.status.map(Into::into),
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

macro_rules! attributes_input {
    ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => {
        /// Optional attributes shared by create and update; an absent field is left as it is.
        #[derive(InputObject, Default, Clone)]
        pub struct PropertyAttributesInput {
            $($(#[$doc])* pub $f: Option<$t>,)*
            pub status: Option<PropertyStatus>,
            pub pipeline_stage: Option<PipelineStage>,
            pub source: Option<String>,
        }

        impl From<PropertyAttributesInput> for Attributes {
            fn from(a: PropertyAttributesInput) -> Self {
                Self {
                    $($f: a.$f,)*
                    status: a.status.map(Into::into),
                    pipeline_stage: a.pipeline_stage.map(Into::into),
                    source: a.source,
                }
            }
        }
    };
}
reos_entities::property_attributes!(attributes_input);

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

impl From<AddressInput> for properties::Address {
    fn from(a: AddressInput) -> Self {
        Self {
            line1: a.line1,
            unit: a.unit,
            city: a.city,
            state: a.state,
            postal_code: a.postal_code,
        }
    }
}

impl From<CreatePropertyInput> for properties::NewProperty {
    fn from(i: CreatePropertyInput) -> Self {
        Self {
            address: i.address.into(),
            property_type: i.property_type.into(),
            attributes: i.attributes.into(),
        }
    }
}

impl From<UpdatePropertyInput> for properties::PropertyChanges {
    fn from(i: UpdatePropertyInput) -> Self {
        Self {
            id: i.id.0,
            address: i.address.map(Into::into),
            property_type: i.property_type.map(Into::into),
            attributes: i.attributes.into(),
        }
    }
}
