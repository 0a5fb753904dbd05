//! Assembles the public `CompValuation` from an assessment: interval, confidence, per-comp
//! waterfalls and the subject's contributions.

use chrono::NaiveDate;
use statrs::distribution::{ContinuousCDF, Normal};

use super::columns::display;
use super::explain::{CompUsed, contributions, group_effects, waterfall};
use super::model::{CompModel, CompValuation, MODEL_VERSION};
use super::sale::Subject;
use super::valuation::Assessment;

impl CompModel {
    pub(crate) fn explain(&self, subject: &Subject, as_of: NaiveDate, a: &Assessment) -> CompValuation {
        let nb = subject.neighborhood.as_deref();
        let comps = a
            .used
            .iter()
            .map(|c| {
                let p = &self.pool[c.idx].sale;
                let steps: Vec<(String, String, String, f64)> = c
                    .effects
                    .iter()
                    .filter(|e| e.1.abs() > 1e-9)
                    .map(|&(attr, e)| {
                        let (sv, cv) = if attr == "market_time" {
                            (as_of.to_string(), p.sale_date.to_string())
                        } else if attr == "sale_condition" {
                            ("arm's-length".to_string(), p.condition.clone())
                        } else {
                            (
                                display(&subject.attrs, nb, subject.hazard, attr),
                                display(&p.attrs, p.neighborhood.as_deref(), p.hazard, attr),
                            )
                        };
                        (attr.to_string(), sv, cv, e)
                    })
                    .collect();
                CompUsed {
                    sale_id: p.id.clone(),
                    sale_date: p.sale_date,
                    price: p.price,
                    distance_km: c.distance_km,
                    days_before: c.days_before,
                    similarity: c.kernel.similarity(),
                    weight: c.weight,
                    adjusted_price: c.adj_log.exp(),
                    adjustments: waterfall(p.price, &steps),
                }
            })
            .collect();
        let zero = vec![0.0; a.subject_row.len()];
        let mut steps: Vec<(String, String, f64)> = group_effects(&self.hedonic, &a.subject_row, &zero)
            .into_iter()
            .map(|(attr, e)| {
                let (value, e) = match attr {
                    "market_time" => (as_of.to_string(), e),
                    "sale_condition" => ("arm's-length".to_string(), e),
                    "neighborhood" => (nb.unwrap_or("inferred from nearby sales").to_string(), e + a.loc_fill),
                    _ => (display(&subject.attrs, nb, subject.hazard, attr), e),
                };
                (attr.to_string(), value, e)
            })
            .collect();
        steps.push((
            "comparable_sales".into(),
            format!("{} comps", a.used.len()),
            a.comps_log - a.hedonic_log,
        ));
        let blended = a.tree_log.is_some() && self.blend_weight > 0.0;
        if blended {
            steps.push((
                "boosted_trees".into(),
                format!("blend weight {:.2}", self.blend_weight),
                a.estimate.ln() - a.comps_log,
            ));
        }
        let baseline = self.hedonic.beta.first().copied().unwrap_or(0.0).exp();
        let regime = self.regime_intervals.as_ref();
        let market_moving = regime.and_then(|r| r.moving_before(as_of));
        let calibration = match (market_moving, regime.and_then(|r| r.moving())) {
            (Some(true), Some(moving)) => Some(moving),
            _ => self.calibration.as_ref(),
        };
        let (low_80, high_80, confidence, method) = match calibration {
            Some(cal) => {
                let (lo, hi) = cal.bounds(a.estimate, a.spread);
                (lo, hi, cal.within_ten_percent(a.spread), "split_conformal")
            }
            None => self.gaussian_interval(a.estimate),
        };
        CompValuation {
            estimate: a.estimate,
            low_80,
            high_80,
            confidence,
            hedonic_value: a.hedonic_log.exp(),
            comps_value: a.comps_log.exp(),
            tree_value: a.tree_log.map(f64::exp),
            blend_weight: if blended { self.blend_weight } else { 0.0 },
            market_moving,
            spread: a.spread,
            interval_method: method,
            comps,
            contributions: contributions(baseline, &steps),
            model_version: MODEL_VERSION,
            n_candidates: a.n_candidates,
        }
    }

    /// Without a calibration set the interval assumes normal log errors at the hedonic robust scale.
    fn gaussian_interval(&self, estimate: f64) -> (f64, f64, f64, &'static str) {
        let s = self.hedonic.scale.max(1e-6);
        let z = Normal::standard().inverse_cdf(0.5 + self.cfg.interval_level / 2.0);
        let within = 2.0 * Normal::standard().cdf(1.1_f64.ln() / s) - 1.0;
        (
            estimate * (-z * s).exp(),
            estimate * (z * s).exp(),
            within,
            "hedonic_scale",
        )
    }
}
