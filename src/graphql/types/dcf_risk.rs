//! Monte Carlo and sensitivity on the DCF engine: their spec inputs and result objects (camelCase
//! mirrors of the engine's types).
use crate::analytics::dcf::{self, Dist, MonteCarloSpec, SensitivitySpec};
use async_graphql::{InputObject, OneofObject, SimpleObject};

/// A normal distribution; `stdDev` 0 is the constant `mean`.
#[derive(InputObject, Debug, Clone, Copy)]
pub struct NormalDistInput {
    pub mean: f64,
    pub std_dev: f64,
}

/// A triangular distribution, `min <= mode <= max`.
#[derive(InputObject, Debug, Clone, Copy)]
pub struct TriangularDistInput {
    pub min: f64,
    pub mode: f64,
    pub max: f64,
}

/// A uniform distribution on `[min, max]`.
#[derive(InputObject, Debug, Clone, Copy)]
pub struct UniformDistInput {
    pub min: f64,
    pub max: f64,
}

/// How one variable is drawn: exactly one of the three.
#[derive(OneofObject, Debug, Clone, Copy)]
pub enum DistInput {
    Normal(NormalDistInput),
    Triangular(TriangularDistInput),
    Uniform(UniformDistInput),
}

/// Which variables vary; one left out keeps the input's value. Absolute values (exit cap before
/// the hazard adjustment) except `renewalProbabilityShift`, which is added to every renewal
/// probability. Draws outside a variable's valid range are redrawn, never clamped.
#[derive(InputObject, Debug, Clone)]
pub struct MonteCarloSpecInput {
    pub market_rent_growth: Option<DistInput>,
    pub expense_growth: Option<DistInput>,
    pub general_vacancy_pct: Option<DistInput>,
    pub exit_cap_rate: Option<DistInput>,
    pub renewal_probability_shift: Option<DistInput>,
    /// Number of NPV histogram bins (1 to 200).
    #[graphql(default = 20)]
    pub histogram_bins: i32,
}

/// Offsets added to the input's exit cap, discount rate and market rent growth; each list left
/// out is −100 bp to +100 bp in 25 bp steps.
#[derive(InputObject, Debug, Clone, Default)]
pub struct SensitivitySpecInput {
    pub exit_cap_offsets: Option<Vec<f64>>,
    pub discount_rate_offsets: Option<Vec<f64>>,
    pub rent_growth_offsets: Option<Vec<f64>>,
}

fn dist(d: Option<DistInput>) -> Option<Dist> {
    d.map(|d| match d {
        DistInput::Normal(n) => Dist::Normal {
            mean: n.mean,
            std_dev: n.std_dev,
        },
        DistInput::Triangular(t) => Dist::Triangular {
            min: t.min,
            mode: t.mode,
            max: t.max,
        },
        DistInput::Uniform(u) => Dist::Uniform { min: u.min, max: u.max },
    })
}

impl MonteCarloSpecInput {
    /// The engine's spec; `bins` was range-checked by the caller.
    pub fn to_spec(&self, bins: usize) -> MonteCarloSpec {
        MonteCarloSpec {
            market_rent_growth: dist(self.market_rent_growth),
            expense_growth: dist(self.expense_growth),
            general_vacancy_pct: dist(self.general_vacancy_pct),
            exit_cap_rate: dist(self.exit_cap_rate),
            renewal_probability_shift: dist(self.renewal_probability_shift),
            histogram_bins: bins,
        }
    }
}

impl SensitivitySpecInput {
    pub fn to_spec(&self) -> SensitivitySpec {
        let d = SensitivitySpec::default();
        SensitivitySpec {
            exit_cap_offsets: self.exit_cap_offsets.clone().unwrap_or(d.exit_cap_offsets),
            discount_rate_offsets: self.discount_rate_offsets.clone().unwrap_or(d.discount_rate_offsets),
            rent_growth_offsets: self.rent_growth_offsets.clone().unwrap_or(d.rent_growth_offsets),
        }
    }
}

/// One outcome over the paths where it exists; statistics are null when `count` is 0.
/// Percentiles as Excel's PERCENTILE.INC; sample standard deviation.
#[derive(SimpleObject, Debug, Clone)]
pub struct DcfOutcomeSummary {
    pub count: i32,
    pub mean: Option<f64>,
    pub std_dev: Option<f64>,
    pub p5: Option<f64>,
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub p95: Option<f64>,
}

/// `counts[i]` values fall in `[edges[i], edges[i+1])` (the last bin includes its upper edge).
#[derive(SimpleObject, Debug, Clone)]
pub struct DcfHistogram {
    pub edges: Vec<f64>,
    pub counts: Vec<i32>,
}

/// Distribution of outcomes over all Monte Carlo paths.
#[derive(SimpleObject, Debug, Clone)]
pub struct DcfMonteCarloResult {
    pub paths: i32,
    pub seed: i32,
    /// Paths whose IRR is null are left out of the IRR summaries.
    pub unlevered_irr: DcfOutcomeSummary,
    pub levered_irr: DcfOutcomeSummary,
    pub npv: DcfOutcomeSummary,
    pub probability_npv_negative: f64,
    pub npv_histogram: DcfHistogram,
    /// Draws rejected as out of range and redrawn.
    pub resampled_draws: f64,
}

/// One grid cell: a full engine run.
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct DcfGridCell {
    pub value: f64,
    pub npv: f64,
    pub unlevered_irr: Option<f64>,
    pub levered_irr: Option<f64>,
}

/// `cells[r][c]` is the run with `rows[r]` and `cols[c]` (absolute values).
#[derive(SimpleObject, Debug, Clone)]
pub struct DcfGrid {
    pub row_variable: String,
    pub col_variable: String,
    pub rows: Vec<f64>,
    pub cols: Vec<f64>,
    pub cells: Vec<Vec<DcfGridCell>>,
}

/// Sensitivity grids: exit cap × discount rate, and market rent growth × exit cap.
#[derive(SimpleObject, Debug, Clone)]
pub struct DcfSensitivityResult {
    pub exit_cap_by_discount_rate: DcfGrid,
    pub rent_growth_by_exit_cap: DcfGrid,
}

/// Counts are bounded by the path cap, so they fit in an `Int`.
fn count(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<dcf::Summary> for DcfOutcomeSummary {
    fn from(s: dcf::Summary) -> Self {
        DcfOutcomeSummary {
            count: count(s.count as u64),
            mean: s.mean,
            std_dev: s.std_dev,
            p5: s.p5,
            p10: s.p10,
            p50: s.p50,
            p90: s.p90,
            p95: s.p95,
        }
    }
}

impl DcfMonteCarloResult {
    pub fn new(r: dcf::MonteCarloResult, seed: i32) -> Self {
        DcfMonteCarloResult {
            paths: count(r.paths as u64),
            seed,
            unlevered_irr: r.unlevered_irr.into(),
            levered_irr: r.levered_irr.into(),
            npv: r.npv.into(),
            probability_npv_negative: r.probability_npv_negative,
            npv_histogram: DcfHistogram {
                edges: r.npv_histogram.edges,
                counts: r.npv_histogram.counts.into_iter().map(count).collect(),
            },
            resampled_draws: r.resampled_draws as f64,
        }
    }
}

impl From<dcf::Grid> for DcfGrid {
    fn from(g: dcf::Grid) -> Self {
        DcfGrid {
            row_variable: g.row_variable,
            col_variable: g.col_variable,
            rows: g.rows,
            cols: g.cols,
            cells: g
                .cells
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|c| DcfGridCell {
                            value: c.value,
                            npv: c.npv,
                            unlevered_irr: c.unlevered_irr,
                            levered_irr: c.levered_irr,
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

impl From<dcf::SensitivityResult> for DcfSensitivityResult {
    fn from(s: dcf::SensitivityResult) -> Self {
        DcfSensitivityResult {
            exit_cap_by_discount_rate: s.exit_cap_by_discount_rate.into(),
            rent_growth_by_exit_cap: s.rent_growth_by_exit_cap.into(),
        }
    }
}
