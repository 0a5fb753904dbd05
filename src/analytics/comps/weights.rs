//! Comparability weight of a comp: Gaussian kernels in distance, recency and hedonic dissimilarity.

use super::config::CompConfig;

/// Log kernel factors, kept apart so an explanation can show each; logs avoid underflow when
/// every candidate is far from the subject.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kernel {
    pub log_distance: f64,
    pub log_recency: f64,
    pub log_similarity: f64,
}

impl Kernel {
    pub fn log_weight(&self) -> f64 {
        self.log_distance + self.log_recency + self.log_similarity
    }

    pub fn weight(&self) -> f64 {
        self.log_weight().exp()
    }

    pub fn similarity(&self) -> f64 {
        self.log_similarity.exp()
    }
}

/// `group_effects` are the comp's per-attribute log adjustments; their root sum of squares is the
/// dissimilarity, so attributes count by how much they move price, not by their units.
pub fn kernel(distance_km: f64, days_before: f64, group_effects: &[f64], cfg: &CompConfig) -> Kernel {
    let g = |x2: f64, h: f64| if h > 0.0 { -0.5 * x2 / (h * h) } else { 0.0 };
    let d2: f64 = group_effects.iter().map(|e| e * e).sum();
    Kernel {
        log_distance: g(distance_km * distance_km, cfg.bandwidth_km),
        log_recency: g(days_before * days_before, cfg.bandwidth_days),
        log_similarity: g(d2, cfg.bandwidth_adjustment),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
