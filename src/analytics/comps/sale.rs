//! In-memory sale and subject records that the comparable-sales engine works on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::CompError;

/// Hedonic attributes of a dwelling; `None` where a source does not record the value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attributes {
    pub living_area_sf: f64,
    pub lot_area_sf: Option<f64>,
    pub year_built: i32,
    pub year_remodeled: Option<i32>,
    pub bedrooms: Option<u32>,
    pub full_baths: Option<u32>,
    pub half_baths: Option<u32>,
    pub basement_sf: Option<f64>,
    pub garage_cars: Option<u32>,
    /// Overall condition on a 1–10 scale.
    pub condition_score: Option<u32>,
    pub fireplaces: Option<u32>,
    pub central_air: Option<bool>,
    pub porch_sf: Option<f64>,
    pub deck_sf: Option<f64>,
    pub pool_sf: Option<f64>,
    /// Storey style label such as `One_Story`, `Two_Story`, `SLvl`.
    pub stories: Option<String>,
    /// `Poor`, `Fair`, `Typical`, `Good` or `Excellent`.
    pub exterior_condition: Option<String>,
    /// `Poor`, `Fair`, `Typical`, `Good` or `Excellent`.
    pub heating_quality: Option<String>,
    /// Building form label such as `OneFam`, `TwnhsE`, `Duplex`.
    pub building_type: Option<String>,
}

/// A closed sale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sale {
    pub id: String,
    pub sale_date: NaiveDate,
    pub price: f64,
    /// Sale condition such as `normal`, `partial`, `abnorml`, `family`.
    pub condition: String,
    pub lat: f64,
    pub lon: f64,
    pub property_type: String,
    pub neighborhood: Option<String>,
    pub attrs: Attributes,
    /// Natural-hazard score on a 0–1 scale (1 = most exposed), when known.
    pub hazard: Option<f64>,
}

/// The property to value: a sale without a price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    pub lat: f64,
    pub lon: f64,
    pub property_type: String,
    pub neighborhood: Option<String>,
    pub attrs: Attributes,
    pub hazard: Option<f64>,
}

impl From<&Sale> for Subject {
    fn from(sale: &Sale) -> Self {
        Subject {
            lat: sale.lat,
            lon: sale.lon,
            property_type: sale.property_type.clone(),
            neighborhood: sale.neighborhood.clone(),
            attrs: sale.attrs.clone(),
            hazard: sale.hazard,
        }
    }
}

fn invalid(field: &str, reason: &str) -> CompError {
    CompError::InvalidSubject {
        field: field.to_string(),
        reason: reason.to_string(),
    }
}

fn check_area(field: &str, value: Option<f64>) -> Result<(), CompError> {
    match value {
        Some(v) if !v.is_finite() || v < 0.0 => Err(invalid(field, "must be a finite area ≥ 0")),
        _ => Ok(()),
    }
}

impl Subject {
    /// Rejects values the hedonic model cannot use, naming the field.
    pub fn validate(&self, as_of: NaiveDate) -> Result<(), CompError> {
        use chrono::Datelike;
        if !self.lat.is_finite() || self.lat.abs() > 90.0 {
            return Err(invalid("lat", "must lie within ±90"));
        }
        if !self.lon.is_finite() || self.lon.abs() > 180.0 {
            return Err(invalid("lon", "must lie within ±180"));
        }
        if self.property_type.trim().is_empty() {
            return Err(invalid("property_type", "must not be empty"));
        }
        let a = &self.attrs;
        if !a.living_area_sf.is_finite() || a.living_area_sf <= 0.0 {
            return Err(invalid("attrs.living_area_sf", "must be > 0"));
        }
        if let Some(lot) = a.lot_area_sf
            && (!lot.is_finite() || lot <= 0.0)
        {
            return Err(invalid("attrs.lot_area_sf", "must be > 0"));
        }
        if a.year_built < 1600 || a.year_built > as_of.year() + 2 {
            return Err(invalid(
                "attrs.year_built",
                "must lie between 1600 and two years after the valuation date",
            ));
        }
        // Not required to follow year_built: source records contain remodel years a year before
        // construction (Ames AMES-0851), which the hedonic model handles as plain numbers.
        if let Some(r) = a.year_remodeled
            && (r < 1600 || r > as_of.year() + 2)
        {
            return Err(invalid(
                "attrs.year_remodeled",
                "must lie between 1600 and two years after the valuation date",
            ));
        }
        if let Some(c) = a.condition_score
            && !(1..=10).contains(&c)
        {
            return Err(invalid("attrs.condition_score", "must lie within 1–10"));
        }
        check_area("attrs.basement_sf", a.basement_sf)?;
        check_area("attrs.porch_sf", a.porch_sf)?;
        check_area("attrs.deck_sf", a.deck_sf)?;
        check_area("attrs.pool_sf", a.pool_sf)?;
        if let Some(h) = self.hazard
            && (!h.is_finite() || !(0.0..=1.0).contains(&h))
        {
            return Err(invalid("hazard", "must lie within 0–1"));
        }
        Ok(())
    }
}

/// Numeric score for the five-level quality scale used by exterior and heating ratings.
pub fn quality_level(label: &str) -> Option<f64> {
    match label.to_ascii_lowercase().as_str() {
        "poor" | "po" => Some(1.0),
        "fair" | "fa" => Some(2.0),
        "typical" | "average" | "ta" => Some(3.0),
        "good" | "gd" => Some(4.0),
        "excellent" | "ex" => Some(5.0),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
