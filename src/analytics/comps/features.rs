//! Turns sale attributes into the hedonic design row: standardized numbers, dummies, market time.

use super::market_time::MarketTime;
use serde::Serialize;

use super::columns::{ColumnKind, NUMERIC, Observation};
use super::sale::Sale;

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
    time: MarketTime,
    pub names: Vec<String>,
    pub attributes: Vec<&'static str>,
    pub kinds: Vec<ColumnKind>,
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}

fn learn_levels(attribute: &'static str, values: impl Iterator<Item = Option<String>>) -> Levels {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for v in values.flatten() {
        *counts.entry(v).or_default() += 1;
    }
    let mut levels: Vec<(String, usize)> = counts.into_iter().collect();
    // Most frequent first; ties by name keep the encoding deterministic.
    levels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Levels {
        attribute,
        levels: levels.into_iter().map(|(l, _)| l).collect(),
    }
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
                NumericSpec {
                    fill,
                    mean,
                    sd: if var > 1e-12 { var.sqrt() } else { 1.0 },
                }
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
        let time = MarketTime::learn(sales.iter().map(|s| s.sale_date), time_step_months);
        let mut d = Design {
            numeric,
            categories,
            neighborhoods,
            conditions,
            neighborhood_slopes,
            has_hazard,
            time,
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
                self.push(
                    format!("ln_living_area×neighborhood={l}"),
                    "living_area_sf",
                    ColumnKind::NeighborhoodSlope,
                );
            }
        }
        for l in self.conditions.levels.clone().iter().skip(1) {
            self.push(format!("sale_condition={l}"), "sale_condition", ColumnKind::Category);
        }
        if self.has_hazard {
            self.push("hazard".into(), "hazard", ColumnKind::Hazard);
        }
        for k in 1..=self.time.columns() {
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
        let Observation {
            attrs,
            nbhd,
            hazard,
            condition,
            date,
        } = *obs;
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
        self.time.write(date, &mut out[j..]);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
