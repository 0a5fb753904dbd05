//! Pipeline settings: hazard weights and pricing, trust parameters and the hazard lookup radius.
use super::hazards::{HazardConfig, HazardError};
use super::trust::{TrustConfig, TrustError};
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
}

impl Default for PipelineSettings {
    fn default() -> Self {
        PipelineSettings {
            hazard_radius_m: 500.0,
            hazards: HazardConfig::default(),
            trust: TrustConfig::default(),
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
mod tests {
    use super::*;

    #[test]
    fn the_shipped_settings_file_equals_the_defaults() {
        assert_eq!(
            PipelineSettings::from_toml(DEFAULT_SETTINGS_TOML).unwrap(),
            PipelineSettings::default()
        );
    }

    #[test]
    fn partial_files_keep_defaults_and_bad_values_are_refused() {
        let s = PipelineSettings::from_toml("[trust]\nhalf_life_days = 90\n").unwrap();
        assert_eq!((s.trust.half_life_days, s.trust.default_reliability), (90.0, 0.5));
        let bad = "[hazards.weights]\nflood = 0.5\nwildfire = 0.5\nheat = 0.5\n";
        assert!(matches!(
            PipelineSettings::from_toml(bad),
            Err(SettingsError::Hazards(HazardError::WeightSum(_)))
        ));
        assert!(matches!(
            PipelineSettings::from_toml("hazard_radius_m = 0\n"),
            Err(SettingsError::Radius(_))
        ));
        assert!(matches!(
            PipelineSettings::from_toml("[trust]\nhalf_life_days = -1\n"),
            Err(SettingsError::Trust(_))
        ));
        assert!(matches!(
            PipelineSettings::from_toml("[hazards]\ncap_rate = 0\n"),
            Err(SettingsError::Hazards(_))
        ));
        assert!(matches!(
            PipelineSettings::from_toml("radius = 1\n"),
            Err(SettingsError::Toml(_))
        ));
    }
}
