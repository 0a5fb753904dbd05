//! Pipeline settings: hazard weights and pricing, trust parameters and the hazard lookup radius.
use super::hazards::{HazardConfig, HazardError};
use super::trust::{TrustConfig, TrustError};
use crate::analytics::dcf::{RawMarketLeasing, RawRecovery};
use serde::{Deserialize, Serialize};

/// The shipped settings (`ops/pipeline/pipeline.toml`), equal to the defaults.
pub const DEFAULT_SETTINGS_TOML: &str = include_str!("../../ops/pipeline/pipeline.toml");

/// Everything the pure pipeline stages are parameterized by, apart from the gates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineSettings {
    /// A hazard-table point answers a location within this many metres.
    pub hazard_radius_m: f64,
    pub hazards: HazardConfig,
    pub trust: TrustConfig,
    pub dcf: DcfDefaults,
}

/// What an import's DCF of a property with leases or a unit mix assumes where the property has
/// nothing stored (its `dcfAssumptions` and leasing profiles win). The analysis starts the month
/// after the import; the purchase price is the property's (purchase, else list price).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DcfDefaults {
    pub hold_years: f64,
    pub discount_rate: f64,
    pub exit_cap_rate: f64,
    pub selling_cost_pct: f64,
    pub closing_cost_pct: f64,
    pub market_rent_growth: f64,
    pub expense_growth: f64,
    pub general_vacancy_pct: f64,
    pub management_fee_pct: f64,
    pub capital_reserve_annual: f64,
    pub turnover_months: f64,
    pub concessions_pct: f64,
    pub bad_debt_pct: f64,
    /// The profile of a lease whose `mla` the property does not define. Without
    /// `market_rent_psf`, market rent is the mean in-place rent of the property's occupied leases
    /// (recorded with the valuation's inputs).
    pub market_leasing: RawMarketLeasing,
}

impl Default for DcfDefaults {
    fn default() -> Self {
        DcfDefaults {
            hold_years: 10.0,
            discount_rate: 0.08,
            exit_cap_rate: 0.065,
            selling_cost_pct: 0.02,
            closing_cost_pct: 0.01,
            market_rent_growth: 0.03,
            expense_growth: 0.03,
            general_vacancy_pct: 0.05,
            management_fee_pct: 0.03,
            capital_reserve_annual: 0.0,
            turnover_months: 1.0,
            concessions_pct: 0.0,
            bad_debt_pct: 0.01,
            market_leasing: RawMarketLeasing {
                market_rent_psf: None,
                term_years: Some(5.0),
                renewal_probability: Some(0.65),
                downtime_months: Some(6.0),
                free_rent_new_months: Some(3.0),
                free_rent_renewal_months: Some(1.0),
                ti_new_psf: Some(20.0),
                ti_renewal_psf: Some(10.0),
                lc_new_pct: Some(0.06),
                lc_renewal_pct: Some(0.03),
                escalation_pct: Some(0.03),
                recovery: Some(RawRecovery::Nnn),
            },
        }
    }
}

impl Default for PipelineSettings {
    fn default() -> Self {
        PipelineSettings {
            hazard_radius_m: 500.0,
            hazards: HazardConfig::default(),
            trust: TrustConfig::default(),
            dcf: DcfDefaults::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("pipeline settings: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("pipeline settings: hazards.{0}")]
    Hazards(#[from] HazardError),
    #[error("pipeline settings: trust.{0}")]
    Trust(#[from] TrustError),
    #[error("pipeline settings: hazard_radius_m must be > 0 (got {0})")]
    Radius(f64),
}

impl PipelineSettings {
    /// Parses TOML (missing keys take their defaults) and validates the result.
    pub fn from_toml(text: &str) -> Result<Self, SettingsError> {
        let s: PipelineSettings = toml::from_str(text)?;
        s.validate()?;
        Ok(s)
    }

    pub fn validate(&self) -> Result<(), SettingsError> {
        if !(self.hazard_radius_m.is_finite() && self.hazard_radius_m > 0.0) {
            return Err(SettingsError::Radius(self.hazard_radius_m));
        }
        self.hazards.weights.validate()?;
        super::hazards::value_adjustment_pct(0.0, self.hazards.cap_rate)?;
        self.trust.validate()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
