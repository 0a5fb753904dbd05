//! The hedonic columns: which attributes enter the model, in what form, and how they read in
//! explanations.

use chrono::NaiveDate;
use serde::Serialize;

use super::sale::{Attributes, Sale, quality_level};

pub(crate) type Extract = fn(&Attributes) -> Option<f64>;

/// Numeric columns: (column name, attribute it explains, extractor).
/// Logs for areas because price scales with size proportionally, not additively.
pub(crate) const NUMERIC: [(&str, &str, Extract); 21] = [
    ("ln_living_area", "living_area_sf", |a| Some(a.living_area_sf.ln())),
    ("ln_living_area_sq", "living_area_sf", |a| {
        Some((a.living_area_sf / 1500.0).ln().powi(2))
    }),
    ("ln_total_area", "total_area_sf", |a| {
        a.basement_sf.map(|b| (a.living_area_sf + b).ln())
    }),
    ("ln_lot_area_sq", "lot_area_sf", |a| {
        a.lot_area_sf.map(|l| (l / 9500.0).ln().powi(2))
    }),
    ("ln_lot_area", "lot_area_sf", |a| a.lot_area_sf.map(f64::ln)),
    ("year_built", "year_built", |a| Some(f64::from(a.year_built))),
    ("year_built_sq", "year_built", |a| {
        Some((f64::from(a.year_built) - 1970.0).powi(2) / 100.0)
    }),
    ("year_remodeled", "year_remodeled", |a| a.year_remodeled.map(f64::from)),
    ("bedrooms", "bedrooms", |a| a.bedrooms.map(f64::from)),
    ("full_baths", "full_baths", |a| a.full_baths.map(f64::from)),
    ("half_baths", "half_baths", |a| a.half_baths.map(f64::from)),
    ("basement_sf", "basement_sf", |a| a.basement_sf),
    ("garage_cars", "garage_cars", |a| a.garage_cars.map(f64::from)),
    ("condition_score", "condition_score", |a| {
        a.condition_score.map(f64::from)
    }),
    ("fireplaces", "fireplaces", |a| a.fireplaces.map(f64::from)),
    ("central_air", "central_air", |a| {
        a.central_air.map(|c| if c { 1.0 } else { 0.0 })
    }),
    ("porch_sf", "porch_sf", |a| a.porch_sf),
    ("deck_sf", "deck_sf", |a| a.deck_sf),
    ("has_pool", "pool_sf", |a| {
        a.pool_sf.map(|p| if p > 0.0 { 1.0 } else { 0.0 })
    }),
    ("exterior_condition", "exterior_condition", |a| {
        a.exterior_condition.as_deref().and_then(quality_level)
    }),
    ("heating_quality", "heating_quality", |a| {
        a.heating_quality.as_deref().and_then(quality_level)
    }),
];

/// Everything the design row is built from; `condition: None` means an arm's-length sale.
#[derive(Debug, Clone, Copy)]
pub struct Observation<'a> {
    pub attrs: &'a Attributes,
    pub nbhd: Option<&'a str>,
    pub hazard: Option<f64>,
    pub condition: Option<&'a str>,
    pub date: NaiveDate,
}

impl<'a> Observation<'a> {
    pub fn of_sale(s: &'a Sale) -> Self {
        Observation {
            attrs: &s.attrs,
            nbhd: s.neighborhood.as_deref(),
            hazard: s.hazard,
            condition: Some(&s.condition),
            date: s.sale_date,
        }
    }
}

/// What a design column measures, so explanations can group columns by attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ColumnKind {
    Intercept,
    Numeric,
    Category,
    Neighborhood,
    /// Neighbourhood-specific deviation of the living-area elasticity.
    NeighborhoodSlope,
    Hazard,
    Time,
}

/// Human-readable value of an attribute for explanations.
pub fn display(attrs: &Attributes, nbhd: Option<&str>, hazard: Option<f64>, attribute: &str) -> String {
    fn opt<T: ToString>(v: &Option<T>) -> String {
        v.as_ref().map_or_else(|| "unknown".to_string(), ToString::to_string)
    }
    match attribute {
        "living_area_sf" => attrs.living_area_sf.to_string(),
        "total_area_sf" => opt(&attrs.basement_sf.map(|b| attrs.living_area_sf + b)),
        "lot_area_sf" => opt(&attrs.lot_area_sf),
        "year_built" => attrs.year_built.to_string(),
        "year_remodeled" => opt(&attrs.year_remodeled),
        "bedrooms" => opt(&attrs.bedrooms),
        "full_baths" => opt(&attrs.full_baths),
        "half_baths" => opt(&attrs.half_baths),
        "basement_sf" => opt(&attrs.basement_sf),
        "garage_cars" => opt(&attrs.garage_cars),
        "condition_score" => opt(&attrs.condition_score),
        "fireplaces" => opt(&attrs.fireplaces),
        "central_air" => opt(&attrs.central_air),
        "porch_sf" => opt(&attrs.porch_sf),
        "deck_sf" => opt(&attrs.deck_sf),
        "pool_sf" => opt(&attrs.pool_sf),
        "exterior_condition" => opt(&attrs.exterior_condition),
        "heating_quality" => opt(&attrs.heating_quality),
        "stories" => opt(&attrs.stories),
        "building_type" => opt(&attrs.building_type),
        "neighborhood" => nbhd.unwrap_or("unknown").to_string(),
        "hazard" => opt(&hazard),
        _ => String::new(),
    }
}
