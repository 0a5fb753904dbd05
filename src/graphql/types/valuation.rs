//! `Hazard` (latest assessment) and `Valuation` (a saved model run).
use async_graphql::{ID, Json, Object};
use reos_entities::{property_hazard, valuation};

/// Flood, wildfire and heat scores (0–1) and their effect.
pub struct Hazard(pub property_hazard::Model);

#[Object]
impl Hazard {
    async fn flood_score(&self) -> Option<f64> {
        self.0.flood_score
    }
    async fn wildfire_score(&self) -> Option<f64> {
        self.0.wildfire_score
    }
    async fn heat_score(&self) -> Option<f64> {
        self.0.heat_score
    }
    async fn composite_score(&self) -> f64 {
        self.0.composite_score
    }
    async fn annual_cost(&self) -> f64 {
        self.0.annual_cost
    }
    /// Value effect, a fraction (negative lowers value).
    async fn value_adjustment_pct(&self) -> f64 {
        self.0.value_adjustment_pct
    }
    async fn source(&self) -> &str {
        &self.0.source
    }
    async fn assessed_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.assessed_at
    }
}

/// A saved valuation run.
pub struct Valuation(pub valuation::Model);

#[Object]
impl Valuation {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// `dcf` or `comp-critic`.
    async fn model(&self) -> &'static str {
        self.0.model.as_str()
    }
    async fn model_version(&self) -> &str {
        &self.0.model_version
    }
    /// SHA-256 of the canonical inputs.
    async fn inputs_hash(&self) -> &str {
        &self.0.inputs_hash
    }
    /// Headline value in currency units (DCF value or Comp-Critic estimate).
    async fn value(&self) -> Option<f64> {
        self.0.value
    }
    /// The full result document.
    async fn result(&self) -> Json<serde_json::Value> {
        Json(self.0.result.clone())
    }
    async fn created_by(&self) -> &str {
        &self.0.created_by
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}
