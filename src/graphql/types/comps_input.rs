//! Comp-Critic inputs and how they become engine subjects: an ad-hoc `SubjectInput`, a stored
//! property (hedonic fields + latest hazard composite), sale filters, and the error mapping that
//! names the offending API field.
use super::enums::PropertyType;
use crate::analytics::comps::{Attributes, Subject};
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::persistence::repositories::sales::listing::SaleQuery;
use crate::services::valuations::count;
use async_graphql::InputObject;
use chrono::NaiveDate;

/// A home to value that is not stored as a property.
#[derive(InputObject, Clone)]
pub struct SubjectInput {
    pub latitude: f64,
    pub longitude: f64,
    pub property_type: PropertyType,
    pub neighborhood: Option<String>,
    pub living_area_sf: f64,
    pub lot_area_sf: Option<f64>,
    pub year_built: i32,
    pub year_remodeled: Option<i32>,
    pub bedrooms: Option<i32>,
    pub full_baths: Option<i32>,
    pub half_baths: Option<i32>,
    pub basement_sf: Option<f64>,
    pub garage_cars: Option<i32>,
    /// 1 (poor) to 10 (excellent).
    pub condition_score: Option<i32>,
    pub fireplaces: Option<i32>,
    pub central_air: Option<bool>,
    pub porch_sf: Option<f64>,
    pub deck_sf: Option<f64>,
    pub pool_sf: Option<f64>,
    /// Storey style such as `One_Story`, `Two_Story`.
    pub stories: Option<String>,
    /// `Poor`, `Fair`, `Typical`, `Good` or `Excellent`.
    pub exterior_condition: Option<String>,
    /// `Poor`, `Fair`, `Typical`, `Good` or `Excellent`.
    pub heating_quality: Option<String>,
    /// Building form such as `OneFam`, `TwnhsE`.
    pub building_type: Option<String>,
    /// Natural-hazard composite score, 0–1.
    pub hazard_score: Option<f64>,
}

/// Filters of `sales`, combined with AND.
#[derive(InputObject, Default)]
pub struct SaleFilter {
    /// Earliest sale date (inclusive).
    pub from: Option<NaiveDate>,
    /// Latest sale date (inclusive).
    pub to: Option<NaiveDate>,
    pub neighborhood: Option<String>,
    /// Sale condition such as `normal`.
    pub sale_condition: Option<String>,
    /// Inclusive lower bound on sale price.
    pub min_price: Option<f64>,
    /// Inclusive upper bound on sale price.
    pub max_price: Option<f64>,
}

impl SaleFilter {
    pub fn into_query(self) -> ApiResult<SaleQuery> {
        rules::non_negative("filter.minPrice", self.min_price)?;
        rules::non_negative("filter.maxPrice", self.max_price)?;
        if let (Some(a), Some(b)) = (self.from, self.to)
            && a > b
        {
            return Err(ApiError::bad_input("filter.to", "must not be before filter.from"));
        }
        Ok(SaleQuery {
            from: self.from,
            to: self.to,
            neighborhood: self.neighborhood,
            condition: self.sale_condition,
            min_price: self.min_price,
            max_price: self.max_price,
        })
    }
}

impl SubjectInput {
    /// The engine subject; integer fields must not be negative (named as `input.<field>`).
    pub fn to_subject(&self) -> ApiResult<Subject> {
        let f = |n: &str| format!("input.{n}");
        Ok(Subject {
            lat: self.latitude,
            lon: self.longitude,
            property_type: reos_entities::enums::PropertyType::from(self.property_type)
                .as_str()
                .to_owned(),
            neighborhood: self.neighborhood.clone(),
            hazard: self.hazard_score,
            attrs: Attributes {
                living_area_sf: self.living_area_sf,
                lot_area_sf: self.lot_area_sf,
                year_built: self.year_built,
                year_remodeled: self.year_remodeled,
                bedrooms: count(&f("bedrooms"), self.bedrooms)?,
                full_baths: count(&f("fullBaths"), self.full_baths)?,
                half_baths: count(&f("halfBaths"), self.half_baths)?,
                basement_sf: self.basement_sf,
                garage_cars: count(&f("garageCars"), self.garage_cars)?,
                condition_score: count(&f("conditionScore"), self.condition_score)?,
                fireplaces: count(&f("fireplaces"), self.fireplaces)?,
                central_air: self.central_air,
                porch_sf: self.porch_sf,
                deck_sf: self.deck_sf,
                pool_sf: self.pool_sf,
                stories: self.stories.clone(),
                exterior_condition: self.exterior_condition.clone(),
                heating_quality: self.heating_quality.clone(),
                building_type: self.building_type.clone(),
            },
        })
    }
}
