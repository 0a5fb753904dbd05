//! The `[market]` table: the changepoint detector's hazard and prior and the regime rules
//! (docs/market.md); environment names are `REOS_MARKET__*`.
use super::ConfigError;
use serde::{Deserialize, Serialize};

/// How market regimes are computed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarketSettings {
    /// Expected months between changes; the hazard is 1/lambda.
    pub lambda: f64,
    /// Normal-Gamma prior of a segment of a standardized series: mean, its pseudo-count, and the
    /// shape and rate of the precision.
    pub mu0: f64,
    pub kappa0: f64,
    pub alpha0: f64,
    pub beta0: f64,
    /// An alarm is a month where the most probable run length falls from above this to it or below.
    pub alarm_run_length: usize,
    /// Values a series needs before it is standardized and watched.
    pub min_history: usize,
    /// A segment whose mean 12-month price change is within ±this is STABLE.
    pub stable_band: f64,
}

impl Default for MarketSettings {
    fn default() -> Self {
        Self {
            lambda: 60.0,
            mu0: 0.0,
            kappa0: 1.0,
            alpha0: 1.0,
            beta0: 1.0,
            alarm_run_length: 12,
            min_history: 24,
            stable_band: 0.02,
        }
    }
}

impl MarketSettings {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let bad = |field: &'static str, message: &str| {
            Err(ConfigError::Invalid {
                field,
                message: message.into(),
            })
        };
        if !(self.lambda.is_finite() && self.lambda > 1.0) {
            return bad("market.lambda", "must be above 1 (the hazard is 1/lambda)");
        }
        if !self.mu0.is_finite() {
            return bad("market.mu0", "must be a finite number");
        }
        for (field, v) in [
            ("market.kappa0", self.kappa0),
            ("market.alpha0", self.alpha0),
            ("market.beta0", self.beta0),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return bad(field, "must be above 0");
            }
        }
        if self.alarm_run_length == 0 {
            return bad("market.alarm_run_length", "must be at least 1");
        }
        if self.min_history < 2 {
            return bad("market.min_history", "must be at least 2 (a spread needs two values)");
        }
        if !(self.stable_band.is_finite() && self.stable_band >= 0.0) {
            return bad("market.stable_band", "must be 0 or more");
        }
        Ok(())
    }
}
