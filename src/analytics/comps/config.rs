//! Tunable settings of Comp-Critic; every default is backed by a development-window measurement
//! recorded in docs/comp-critic.md.

use serde::{Deserialize, Serialize};

/// How adjusted comp prices are combined into one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reconcile {
    /// Weighted median of adjusted log prices: one odd comp cannot move it.
    WeightedMedian,
    /// Weighted mean of adjusted log prices.
    WeightedMean,
}

/// Settings for fitting and valuing. Defaults are the tuned values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompConfig {
    /// Sale conditions that may serve as comps.
    pub comp_conditions: Vec<String>,
    /// Sale conditions that train the hedonic model; a condition dummy absorbs their price level.
    pub train_conditions: Vec<String>,
    /// Sale conditions whose sales calibrate the interval (the kind of sale being predicted).
    pub calibration_conditions: Vec<String>,
    /// Nearest eligible sales retrieved from the spatial index before weighting.
    pub max_candidates: usize,
    /// Highest-weighted comps that enter the reconciliation and the explanation.
    pub k: usize,
    /// Distance kernel bandwidth in km.
    pub bandwidth_km: f64,
    /// Recency kernel bandwidth in days.
    pub bandwidth_days: f64,
    /// Attribute-dissimilarity bandwidth in log-price units of hedonic adjustment.
    pub bandwidth_adjustment: f64,
    /// Year-built kernel bandwidth in years (0 disables): homes of one building era in one place
    /// share builders and finish quality that the attributes do not record.
    pub bandwidth_year_built: f64,
    /// Log-weight penalty for a comp in another neighbourhood than the subject (0 disables).
    pub other_neighborhood_penalty: f64,
    /// Robust centre of the adjusted comp prices.
    pub reconcile: Reconcile,
    /// Pseudo-count of comps that pulls the comp reconciliation towards the hedonic value.
    pub hedonic_prior_weight: f64,
    /// Huber tuning constant in robust-scale units.
    pub huber_c: f64,
    pub huber_max_iter: usize,
    pub ridge_numeric: f64,
    pub ridge_category: f64,
    pub ridge_neighborhood: f64,
    /// Ridge on neighbourhood-specific living-area slopes; 0 leaves the slopes out of the model.
    pub ridge_neighborhood_slope: f64,
    /// Roughness penalty between adjacent market-time knots.
    pub time_smoothness: f64,
    /// 1: the penalty is on first differences of the knots (pulls the index flat); 2: on second
    /// differences (pulls it towards a straight line).
    pub time_penalty_order: usize,
    /// Spacing of the piecewise-linear market-time knots, in months.
    pub time_knot_months: f64,
    pub min_training_sales: usize,
    /// Share of training sales that must carry a hazard score before the model learns its coefficient.
    pub hazard_min_share: f64,
    /// Log-price change per unit of hazard score used when the coefficient cannot be learned.
    pub hazard_prior_log_per_unit: f64,
    /// Most recent calibration-condition sales used for the split-conformal interval.
    pub calibration_n: usize,
    /// Months of held-out sales valued by one set of models fitted before them; 0 values the whole
    /// fold with models fitted before its first sale.
    pub calibration_refit_months: u32,
    /// Nominal coverage of the interval.
    pub interval_level: f64,
    /// Floor of the local spread that scales interval scores, in log units.
    pub spread_floor: f64,
    /// Trees of the second learner, gradient boosting on the canonical columns; 0 turns it off
    /// and the estimate is the comps' alone.
    pub tree_count: usize,
    pub tree_learning_rate: f64,
    /// Most leaves per tree.
    pub tree_leaves: usize,
    /// Fewest training sales in a leaf.
    pub tree_min_leaf: usize,
    /// Step of the grid of blend weights (0…1) tried on the held-out fold.
    pub blend_step: f64,
    /// Held-out sales of moving months needed before a valuation in a moving month gets the
    /// wider of the pooled interval and theirs; 0 turns the regime rule off.
    pub regime_min_scores: usize,
}

impl Default for CompConfig {
    fn default() -> Self {
        CompConfig {
            comp_conditions: vec!["normal".into(), "partial".into()],
            train_conditions: vec!["normal".into(), "partial".into()],
            calibration_conditions: vec!["normal".into()],
            max_candidates: 150,
            k: 15,
            bandwidth_km: 1.5,
            bandwidth_days: 365.0,
            bandwidth_adjustment: 0.15,
            hedonic_prior_weight: 2.0,
            bandwidth_year_built: 10.0,
            reconcile: Reconcile::WeightedMedian,
            other_neighborhood_penalty: 0.0,
            huber_c: 1.345,
            huber_max_iter: 50,
            ridge_numeric: 0.1,
            ridge_category: 1.0,
            ridge_neighborhood: 5.0,
            ridge_neighborhood_slope: 0.0,
            time_smoothness: 20.0,
            time_penalty_order: 2,
            time_knot_months: 3.0,
            min_training_sales: 50,
            hazard_min_share: 0.9,
            hazard_prior_log_per_unit: -0.10,
            calibration_n: 400,
            calibration_refit_months: 3,
            interval_level: 0.8,
            spread_floor: 0.03,
            tree_count: 300,
            tree_learning_rate: 0.06,
            tree_leaves: 15,
            tree_min_leaf: 10,
            blend_step: 0.05,
            regime_min_scores: 100,
        }
    }
}

impl CompConfig {
    pub fn is_comp_condition(&self, c: &str) -> bool {
        self.comp_conditions.iter().any(|k| k.eq_ignore_ascii_case(c))
    }

    pub fn is_train_condition(&self, c: &str) -> bool {
        self.train_conditions.iter().any(|k| k.eq_ignore_ascii_case(c))
    }

    pub fn is_calibration_condition(&self, c: &str) -> bool {
        self.calibration_conditions.iter().any(|k| k.eq_ignore_ascii_case(c))
    }
}
