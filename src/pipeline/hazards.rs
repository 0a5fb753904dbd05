//! Hazard scoring: composite of flood, wildfire and heat, its annual cost and its effect on value.
use serde::{Deserialize, Serialize};

/// Why a hazard input was refused; `field` names it (`flood`, `weights.heat`, `hazard_table[3].lat`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HazardError {
    #[error("{field}: {value} is outside [0, 1]")]
    OutOfUnit { field: String, value: f64 },
    #[error("weights: must sum to 1, got {0}")]
    WeightSum(f64),
    #[error("{field}: {reason} (got {value})")]
    Invalid {
        field: String,
        value: f64,
        reason: &'static str,
    },
}

pub(super) fn unit_interval(field: &str, value: f64) -> Result<f64, HazardError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(HazardError::OutOfUnit {
            field: field.to_string(),
            value,
        })
    }
}

/// Weights of the composite; the seed's 0.4 / 0.4 / 0.2 by default.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HazardWeights {
    pub flood: f64,
    pub wildfire: f64,
    pub heat: f64,
}

impl Default for HazardWeights {
    fn default() -> Self {
        HazardWeights {
            flood: 0.4,
            wildfire: 0.4,
            heat: 0.2,
        }
    }
}

impl HazardWeights {
    /// Each weight in [0, 1] and their sum 1 (within 1e-9, for decimal input such as 0.1 + 0.2).
    pub fn validate(&self) -> Result<(), HazardError> {
        unit_interval("weights.flood", self.flood)?;
        unit_interval("weights.wildfire", self.wildfire)?;
        unit_interval("weights.heat", self.heat)?;
        let sum = self.flood + self.wildfire + self.heat;
        if (sum - 1.0).abs() > 1e-9 {
            Err(HazardError::WeightSum(sum))
        } else {
            Ok(())
        }
    }
}

/// Hazard scores on a 0–1 scale (1 = most exposed), checked on construction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HazardScores {
    flood: f64,
    wildfire: f64,
    heat: f64,
}

impl HazardScores {
    pub fn new(flood: f64, wildfire: f64, heat: f64) -> Result<Self, HazardError> {
        Ok(HazardScores {
            flood: unit_interval("flood_score", flood)?,
            wildfire: unit_interval("wildfire_score", wildfire)?,
            heat: unit_interval("heat_score", heat)?,
        })
    }
    pub fn flood(&self) -> f64 {
        self.flood
    }
    pub fn wildfire(&self) -> f64 {
        self.wildfire
    }
    pub fn heat(&self) -> f64 {
        self.heat
    }

    /// `w_flood·flood + w_wildfire·wildfire + w_heat·heat`.
    pub fn composite(&self, w: &HazardWeights) -> Result<f64, HazardError> {
        w.validate()?;
        let c = w.flood * self.flood + w.wildfire * self.wildfire + w.heat * self.heat;
        // Weights summing to 1 within 1e-9 can push a composite of all-ones a hair past 1.
        Ok(c.min(1.0))
    }
}

/// How hazards are priced.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HazardConfig {
    pub weights: HazardWeights,
    /// Cap rate used to turn the hazard's effect on income into value, when no DCF is run.
    pub cap_rate: f64,
}

impl Default for HazardConfig {
    fn default() -> Self {
        HazardConfig {
            weights: HazardWeights::default(),
            cap_rate: 0.06,
        }
    }
}

/// Composite score and what it costs; money in the unit of the value passed in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HazardImpact {
    pub composite: f64,
    /// `value × (0.1% if composite < 0.3, 0.2% if < 0.6, else 0.4%)` per year.
    pub insurance: f64,
    /// `value × composite × 0.15%` per year.
    pub mitigation: f64,
    /// `insurance + mitigation`: the DCF's hazard opex before any extra `annual_cost`.
    pub annual_cost: f64,
    /// Fractional change in value, ≤ 0 (see `value_adjustment_pct`).
    pub value_adjustment_pct: f64,
    /// `value × value_adjustment_pct`.
    pub value_adjustment: f64,
}

/// Insurance rate of the DCF's seed formula (docs/dcf.md, hazard opex).
pub fn insurance_rate(composite: f64) -> f64 {
    if composite < 0.3 {
        0.001
    } else if composite < 0.6 {
        0.002
    } else {
        0.004
    }
}

/// Value change of a property whose income is `value × cap_rate` before hazards: the hazard opex
/// comes off that income and the exit cap widens by `composite × 50 bp` as in the DCF, so
/// `V'/V − 1 = (cap − opex/V) / (cap + 0.005·composite) − 1`.
pub fn value_adjustment_pct(composite: f64, cap_rate: f64) -> Result<f64, HazardError> {
    unit_interval("composite", composite)?;
    if !(cap_rate > 0.0 && cap_rate < 1.0) {
        return Err(HazardError::Invalid {
            field: "cap_rate".into(),
            value: cap_rate,
            reason: "must be in (0, 1)",
        });
    }
    let opex_rate = insurance_rate(composite) + composite * 0.0015;
    Ok((cap_rate - opex_rate) / (cap_rate + 0.005 * composite) - 1.0)
}

/// Composite, annual cost and value adjustment of a property worth `value`.
pub fn assess(scores: &HazardScores, value: f64, config: &HazardConfig) -> Result<HazardImpact, HazardError> {
    if !(value.is_finite() && value >= 0.0) {
        return Err(HazardError::Invalid {
            field: "value".into(),
            value,
            reason: "must be a finite amount ≥ 0",
        });
    }
    let composite = scores.composite(&config.weights)?;
    let insurance = value * insurance_rate(composite);
    let mitigation = value * composite * 0.0015;
    let pct = value_adjustment_pct(composite, config.cap_rate)?;
    Ok(HazardImpact {
        composite,
        insurance,
        mitigation,
        annual_cost: insurance + mitigation,
        value_adjustment_pct: pct,
        value_adjustment: value * pct,
    })
}

#[cfg(test)]
mod tests;
