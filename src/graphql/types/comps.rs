//! Comp-Critic output types: `CompValuation` mirrors the engine's result (docs/avm.md) in
//! camelCase, and `Sale` is one stored comparable sale.
use async_graphql::{ID, Json, SimpleObject};
use chrono::NaiveDate;
use reos_entities::sale;

use crate::analytics::comps as engine;

/// A comparable-sales valuation: estimate, calibrated 80 % interval, the comps with their
/// adjustment waterfalls, and what each attribute contributes.
#[derive(SimpleObject)]
pub struct CompValuation {
    /// Estimated value in currency units.
    pub estimate: f64,
    /// Lower end of the 80 % interval.
    #[graphql(name = "low80")]
    pub low_80: f64,
    /// Upper end of the 80 % interval.
    #[graphql(name = "high80")]
    pub high_80: f64,
    /// Calibrated probability (0–1) that the price lies within ±10 % of the estimate.
    pub confidence: f64,
    /// The hedonic model's value before the comps' local correction.
    pub hedonic_value: f64,
    /// The comps' value (the hedonic value corrected by the comparable sales) before the blend.
    pub comps_value: f64,
    /// The boosted trees' value, when the second learner is fitted.
    pub tree_value: Option<f64>,
    /// Weight of the trees in the estimate, learned on held-out prior sales:
    /// `estimate = compsValue^(1−w) · treeValue^w` (0 = the comps alone).
    pub blend_weight: f64,
    /// Whether the interval was calibrated on held-out sales from a moving market (true: the
    /// regime before `asOf` was not STABLE) or a calm one (false); null when calibrated on all.
    pub market_moving: Option<bool>,
    /// Weighted median absolute deviation of the adjusted comp log prices.
    pub spread: f64,
    /// `split_conformal`, or `hedonic_scale` when too few sales exist to calibrate.
    pub interval_method: String,
    pub model_version: String,
    /// Valuation date: only sales strictly before it were used.
    pub as_of: NaiveDate,
    /// Sales retrieved before weighting.
    pub n_candidates: i32,
    pub comps: Vec<CompSale>,
    /// From a typical home in the model's base month, attribute by attribute, to the estimate.
    pub contributions: Vec<CompContribution>,
}

/// A comparable sale as used in a valuation.
#[derive(SimpleObject)]
pub struct CompSale {
    pub sale_id: String,
    pub sale_date: NaiveDate,
    /// Sale price in currency units.
    pub price: f64,
    pub distance_km: f64,
    pub days_before: i32,
    /// Attribute-similarity factor (1 = identical after weighting by price impact).
    pub similarity: f64,
    /// Reconciliation weight; the weights of the comps sum to 1.
    pub weight: f64,
    /// The price moved to the subject by the adjustments, in currency units.
    pub adjusted_price: f64,
    pub adjustments: Vec<CompAdjustment>,
}

/// One step of a comp's adjustment waterfall; the steps sum to adjusted price − price.
#[derive(SimpleObject)]
pub struct CompAdjustment {
    pub attribute: String,
    pub subject_value: String,
    pub comp_value: String,
    pub log_effect: f64,
    /// Change in currency units at this step.
    pub effect_usd: f64,
}

/// What one attribute adds to the subject's value.
#[derive(SimpleObject)]
pub struct CompContribution {
    pub attribute: String,
    pub value: String,
    pub log_effect: f64,
    /// Change in currency units at this step.
    pub effect_usd: f64,
}

impl CompValuation {
    pub fn new(v: engine::CompValuation, as_of: NaiveDate) -> Self {
        Self {
            estimate: v.estimate,
            low_80: v.low_80,
            high_80: v.high_80,
            confidence: v.confidence,
            hedonic_value: v.hedonic_value,
            comps_value: v.comps_value,
            tree_value: v.tree_value,
            blend_weight: v.blend_weight,
            market_moving: v.market_moving,
            spread: v.spread,
            interval_method: v.interval_method.to_owned(),
            model_version: v.model_version.to_owned(),
            as_of,
            n_candidates: i32::try_from(v.n_candidates).unwrap_or(i32::MAX),
            comps: v.comps.into_iter().map(CompSale::from).collect(),
            contributions: v
                .contributions
                .into_iter()
                .map(|c| CompContribution {
                    attribute: c.attribute,
                    value: c.value,
                    log_effect: c.log_effect,
                    effect_usd: c.effect_usd,
                })
                .collect(),
        }
    }
}

impl From<engine::CompUsed> for CompSale {
    fn from(c: engine::CompUsed) -> Self {
        Self {
            sale_id: c.sale_id,
            sale_date: c.sale_date,
            price: c.price,
            distance_km: c.distance_km,
            days_before: i32::try_from(c.days_before).unwrap_or(i32::MAX),
            similarity: c.similarity,
            weight: c.weight,
            adjusted_price: c.adjusted_price,
            adjustments: c
                .adjustments
                .into_iter()
                .map(|a| CompAdjustment {
                    attribute: a.attribute,
                    subject_value: a.subject_value,
                    comp_value: a.comp_value,
                    log_effect: a.log_effect,
                    effect_usd: a.effect_usd,
                })
                .collect(),
        }
    }
}

/// A closed sale of the caller's tenant, as imported.
#[derive(SimpleObject)]
pub struct Sale {
    pub id: ID,
    /// The import file's `sale_id`.
    pub sale_id: String,
    pub sale_date: NaiveDate,
    /// Sale price in currency units.
    pub sale_price: f64,
    /// `normal`, `partial`, `abnorml`, `family`, …
    pub sale_condition: String,
    pub latitude: f64,
    pub longitude: f64,
    pub city: Option<String>,
    pub state: Option<String>,
    pub neighborhood: Option<String>,
    pub property_type: String,
    pub building_type: Option<String>,
    pub living_area_sf: f64,
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
    pub exterior_condition: Option<String>,
    pub heating_quality: Option<String>,
    pub porch_sf: Option<f64>,
    pub deck_sf: Option<f64>,
    pub pool_sf: Option<f64>,
    /// Natural-hazard score, 0–1.
    pub hazard_score: Option<f64>,
    /// Columns of the import file beyond the canonical ones.
    pub attributes: Json<serde_json::Value>,
    /// When this version of the record was written.
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl From<sale::Model> for Sale {
    fn from(m: sale::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            sale_id: m.sale_id,
            sale_date: m.sale_date,
            sale_price: m.sale_price,
            sale_condition: m.sale_condition,
            latitude: m.latitude,
            longitude: m.longitude,
            city: m.city,
            state: m.state,
            neighborhood: m.neighborhood,
            property_type: m.property_type,
            building_type: m.building_type,
            living_area_sf: m.living_area_sf,
            lot_area_sf: m.lot_area_sf,
            year_built: m.year_built,
            year_remodeled: m.year_remodeled,
            bedrooms: m.bedrooms,
            full_baths: m.full_baths,
            half_baths: m.half_baths,
            basement_sf: m.basement_sf,
            garage_cars: m.garage_cars,
            condition_score: m.condition_score,
            stories: m.stories,
            fireplaces: m.fireplaces,
            central_air: m.central_air,
            exterior_condition: m.exterior_condition,
            heating_quality: m.heating_quality,
            porch_sf: m.porch_sf,
            deck_sf: m.deck_sf,
            pool_sf: m.pool_sf,
            hazard_score: m.hazard_score,
            attributes: Json(m.attributes),
            recorded_at: m.created_at,
        }
    }
}
