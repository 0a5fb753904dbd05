//! Turns sale attributes into the hedonic design row: standardized numbers, dummies, market time.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::sale::{Attributes, Sale, quality_level};

type Extract = fn(&Attributes) -> Option<f64>;

/// Numeric columns: (column name, attribute it explains, extractor).
/// Logs for areas because price scales with size proportionally, not additively.
const NUMERIC: [(&str, &str, Extract); 21] = [
    ("ln_living_area", "living_area_sf", |a| Some(a.living_area_sf.ln())),
    ("ln_living_area_sq", "living_area_sf", |a| Some((a.living_area_sf / 1500.0).ln().powi(2))),
    ("ln_total_area", "basement_sf", |a| a.basement_sf.map(|b| (a.living_area_sf + b).ln())),
    ("ln_lot_area_sq", "lot_area_sf", |a| a.lot_area_sf.map(|l| (l / 9500.0).ln().powi(2))),
    ("ln_lot_area", "lot_area_sf", |a| a.lot_area_sf.map(f64::ln)),
    ("year_built", "year_built", |a| Some(f64::from(a.year_built))),
    ("year_built_sq", "year_built", |a| Some((f64::from(a.year_built) - 1970.0).powi(2) / 100.0)),
    ("year_remodeled", "year_remodeled", |a| a.year_remodeled.map(f64::from)),
    ("bedrooms", "bedrooms", |a| a.bedrooms.map(f64::from)),
    ("full_baths", "full_baths", |a| a.full_baths.map(f64::from)),
    ("half_baths", "half_baths", |a| a.half_baths.map(f64::from)),
    ("basement_sf", "basement_sf", |a| a.basement_sf),
    ("garage_cars", "garage_cars", |a| a.garage_cars.map(f64::from)),
    ("condition_score", "condition_score", |a| a.condition_score.map(f64::from)),
    ("fireplaces", "fireplaces", |a| a.fireplaces.map(f64::from)),
    ("central_air", "central_air", |a| a.central_air.map(|c| if c { 1.0 } else { 0.0 })),
    ("porch_sf", "porch_sf", |a| a.porch_sf),
    ("deck_sf", "deck_sf", |a| a.deck_sf),
    ("has_pool", "pool_sf", |a| a.pool_sf.map(|p| if p > 0.0 { 1.0 } else { 0.0 })),
    ("exterior_condition", "exterior_condition", |a| a.exterior_condition.as_deref().and_then(quality_level)),
    ("heating_quality", "heating_quality", |a| a.heating_quality.as_deref().and_then(quality_level)),
];

/// Everything the design row is built from; `condition: None` means an arm's-length sale.
#[derive(Debug, Clone, Copy)]
pub struct Observation<'a> {
    pub attrs: &'a Attributes,
    pub nbhd: Option<&'a str>,
    pub hazard: Option<f64>,
    pub condition: Option<&'a str>,
    pub date: NaiveDate,
}

impl<'a> Observation<'a> {
    pub fn of_sale(s: &'a Sale) -> Self {
        Observation { attrs: &s.attrs, nbhd: s.neighborhood.as_deref(), hazard: s.hazard, condition: Some(&s.condition), date: s.sale_date }
    }
}

/// What a design column measures, so explanations can group columns by attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ColumnKind {
    Intercept,
    Numeric,
    Category,
    Neighborhood,
    /// Neighbourhood-specific deviation of the living-area elasticity.
    NeighborhoodSlope,
    Hazard,
    Time,
}

#[derive(Debug, Clone, Serialize)]
struct NumericSpec {
    fill: f64,
    mean: f64,
    sd: f64,
}

#[derive(Debug, Clone, Serialize)]
struct Levels {
    attribute: &'static str,
    /// `levels[0]` is the most common level and serves as the reference (no column).
    levels: Vec<String>,
}

/// The learned encoding: fills, standardization, category levels and time knots.
#[derive(Debug, Clone, Serialize)]
pub struct Design {
    numeric: Vec<NumericSpec>,
    categories: Vec<Levels>,
    neighborhoods: Levels,
    /// Sale conditions; the most common (arm's-length) is the reference every subject takes.
    conditions: Levels,
    neighborhood_slopes: bool,
    pub has_hazard: bool,
    /// Month index (year·12 + month) of the first knot.
    time_origin: f64,
    time_step: f64,
    time_knots: usize,
    pub names: Vec<String>,
    pub attributes: Vec<&'static str>,
    pub kinds: Vec<ColumnKind>,
}

fn month_index(d: NaiveDate) -> f64 {
    f64::from(d.year()) * 12.0 + f64::from(d.month0()) + f64::from(d.day0()) / 30.0
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) }
}

fn learn_levels(attribute: &'static str, values: impl Iterator<Item = Option<String>>) -> Levels {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for v in values.flatten() {
        *counts.entry(v).or_default() += 1;
    }
    let mut levels: Vec<(String, usize)> = counts.into_iter().collect();
    // Most frequent first; ties by name keep the encoding deterministic.
    levels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Levels { attribute, levels: levels.into_iter().map(|(l, _)| l).collect() }
}

impl Design {
    /// Learns the encoding from training sales; `last` is the latest date the time term must reach.
    pub fn learn(sales: &[&Sale], time_step_months: f64, hazard_share: f64, neighborhood_slopes: bool) -> Design {
        let numeric = NUMERIC
            .iter()
            .map(|(_, _, f)| {
                let vals: Vec<f64> = sales.iter().filter_map(|s| f(&s.attrs)).collect();
                let fill = median(vals.clone());
                let all: Vec<f64> = sales.iter().map(|s| f(&s.attrs).unwrap_or(fill)).collect();
                let n = all.len().max(1) as f64;
                let mean = all.iter().sum::<f64>() / n;
                let var = all.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
                NumericSpec { fill, mean, sd: if var > 1e-12 { var.sqrt() } else { 1.0 } }
            })
            .collect();
        let categories = vec![
            learn_levels("stories", sales.iter().map(|s| s.attrs.stories.clone())),
            learn_levels("building_type", sales.iter().map(|s| s.attrs.building_type.clone())),
        ];
        let neighborhoods = learn_levels("neighborhood", sales.iter().map(|s| s.neighborhood.clone()));
        let conditions = learn_levels("sale_condition", sales.iter().map(|s| Some(s.condition.clone())));
        let with_hazard = sales.iter().filter(|s| s.hazard.is_some()).count();
        let has_hazard = !sales.is_empty() && with_hazard as f64 >= hazard_share * sales.len() as f64;
        let first = sales.iter().map(|s| month_index(s.sale_date)).fold(f64::INFINITY, f64::min);
        let last = sales.iter().map(|s| month_index(s.sale_date)).fold(f64::NEG_INFINITY, f64::max);
        let step = time_step_months.max(1.0);
        let time_knots = if first.is_finite() { ((last - first) / step).ceil() as usize + 1 } else { 1 };
        let mut d = Design {
            numeric,
            categories,
            neighborhoods,
            conditions,
            neighborhood_slopes,
            has_hazard,
            time_origin: if first.is_finite() { first } else { 0.0 },
            time_step: step,
            time_knots,
            names: Vec::new(),
            attributes: Vec::new(),
            kinds: Vec::new(),
        };
        d.name_columns();
        d
    }

    fn push(&mut self, name: String, attribute: &'static str, kind: ColumnKind) {
        self.names.push(name);
        self.attributes.push(attribute);
        self.kinds.push(kind);
    }

    fn name_columns(&mut self) {
        self.push("intercept".into(), "intercept", ColumnKind::Intercept);
        for (name, attribute, _) in NUMERIC {
            self.push(name.into(), attribute, ColumnKind::Numeric);
        }
        for c in self.categories.clone() {
            for l in c.levels.iter().skip(1) {
                self.push(format!("{}={l}", c.attribute), c.attribute, ColumnKind::Category);
            }
        }
        for l in self.neighborhoods.levels.clone().iter().skip(1) {
            self.push(format!("neighborhood={l}"), "neighborhood", ColumnKind::Neighborhood);
        }
        if self.neighborhood_slopes {
            for l in self.neighborhoods.levels.clone().iter().skip(1) {
                self.push(format!("ln_living_area×neighborhood={l}"), "living_area_sf", ColumnKind::NeighborhoodSlope);
            }
        }
        for l in self.conditions.levels.clone().iter().skip(1) {
            self.push(format!("sale_condition={l}"), "sale_condition", ColumnKind::Category);
        }
        if self.has_hazard {
            self.push("hazard".into(), "hazard", ColumnKind::Hazard);
        }
        for k in 1..self.time_knots {
            self.push(format!("time_knot_{k}"), "market_time", ColumnKind::Time);
        }
    }

    pub fn width(&self) -> usize {
        self.names.len()
    }

    pub fn knows_neighborhood(&self, n: &str) -> bool {
        self.neighborhoods.levels.iter().any(|l| l == n)
    }

    /// Writes the design row; an unknown category level falls to the reference level.
    pub fn row(&self, obs: &Observation<'_>, out: &mut [f64]) {
        let Observation { attrs, nbhd, hazard, condition, date } = *obs;
        out.iter_mut().for_each(|v| *v = 0.0);
        out[0] = 1.0;
        let mut j = 1;
        for ((_, _, f), spec) in NUMERIC.iter().zip(&self.numeric) {
            out[j] = (f(attrs).unwrap_or(spec.fill) - spec.mean) / spec.sd;
            j += 1;
        }
        let cat_values = [attrs.stories.as_deref(), attrs.building_type.as_deref()];
        for (c, v) in self.categories.iter().zip(cat_values) {
            if let Some(pos) = v.and_then(|v| c.levels.iter().skip(1).position(|l| l == v)) {
                out[j + pos] = 1.0;
            }
            j += c.levels.len().saturating_sub(1);
        }
        if let Some(pos) = nbhd.and_then(|v| self.neighborhoods.levels.iter().skip(1).position(|l| l == v)) {
            out[j + pos] = 1.0;
        }
        let n_nb = self.neighborhoods.levels.len().saturating_sub(1);
        j += n_nb;
        if self.neighborhood_slopes {
            if let Some(pos) = nbhd.and_then(|v| self.neighborhoods.levels.iter().skip(1).position(|l| l == v)) {
                // Column 1 is the standardized log living area.
                out[j + pos] = out[1];
            }
            j += n_nb;
        }
        if let Some(pos) = condition.and_then(|v| self.conditions.levels.iter().skip(1).position(|l| l == v)) {
            out[j + pos] = 1.0;
        }
        j += self.conditions.levels.len().saturating_sub(1);
        if self.has_hazard {
            out[j] = hazard.unwrap_or(0.0);
            j += 1;
        }
        self.time_row(date, &mut out[j..]);
    }

    /// Hat-function weights of the piecewise-linear market index; flat beyond the last knot
    /// because the future level is unknown and the latest level is the best guess.
    fn time_row(&self, date: NaiveDate, out: &mut [f64]) {
        let max_pos = (self.time_knots.saturating_sub(1)) as f64;
        let pos = ((month_index(date) - self.time_origin) / self.time_step).clamp(0.0, max_pos);
        let k = pos.floor() as usize;
        let frac = pos - k as f64;
        // Knot 0 is the reference level, so column k-1 carries knot k.
        if k >= 1 && k - 1 < out.len() {
            out[k - 1] += 1.0 - frac;
        }
        if frac > 0.0 && k < out.len() {
            out[k] += frac;
        }
    }

    /// Human-readable value of an attribute for explanations.
    pub fn display(attrs: &Attributes, nbhd: Option<&str>, hazard: Option<f64>, attribute: &str) -> String {
        fn opt<T: ToString>(v: &Option<T>) -> String {
            v.as_ref().map_or_else(|| "unknown".to_string(), ToString::to_string)
        }
        match attribute {
            "living_area_sf" => attrs.living_area_sf.to_string(),
            "lot_area_sf" => opt(&attrs.lot_area_sf),
            "year_built" => attrs.year_built.to_string(),
            "year_remodeled" => opt(&attrs.year_remodeled),
            "bedrooms" => opt(&attrs.bedrooms),
            "full_baths" => opt(&attrs.full_baths),
            "half_baths" => opt(&attrs.half_baths),
            "basement_sf" => opt(&attrs.basement_sf),
            "garage_cars" => opt(&attrs.garage_cars),
            "condition_score" => opt(&attrs.condition_score),
            "fireplaces" => opt(&attrs.fireplaces),
            "central_air" => opt(&attrs.central_air),
            "porch_sf" => opt(&attrs.porch_sf),
            "deck_sf" => opt(&attrs.deck_sf),
            "pool_sf" => opt(&attrs.pool_sf),
            "exterior_condition" => opt(&attrs.exterior_condition),
            "heating_quality" => opt(&attrs.heating_quality),
            "stories" => opt(&attrs.stories),
            "building_type" => opt(&attrs.building_type),
            "neighborhood" => nbhd.unwrap_or("unknown").to_string(),
            "hazard" => opt(&hazard),
            _ => String::new(),
        }
    }
}
