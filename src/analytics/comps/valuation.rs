//! One valuation's numbers: retrieve candidates, adjust them with the hedonic model, weight,
//! reconcile and measure the comps' spread (`report.rs` turns them into a `CompValuation`).

use chrono::NaiveDate;

use super::CompError;
use super::columns::Observation;
use super::config::Reconcile;
use super::explain::group_effects;
use super::index::haversine_km;
use super::model::{CompModel, PoolSale, blend};
use super::reconcile::{weighted_mad, weighted_median};
use super::sale::Subject;
use super::trees::Row;
use super::weights::{Kernel, kernel};

/// A candidate after adjustment and weighting.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub idx: usize,
    pub distance_km: f64,
    pub days_before: i64,
    pub kernel: Kernel,
    pub adj_log: f64,
    pub effects: Vec<(&'static str, f64)>,
    pub weight: f64,
}

/// Numbers of a valuation before the explanation is attached.
#[derive(Debug, Clone)]
pub(crate) struct Assessment {
    /// The blended estimate (`model::blend` of the comps' and the trees' log estimates).
    pub estimate: f64,
    pub comps_log: f64,
    pub tree_log: Option<f64>,
    pub hedonic_log: f64,
    pub spread: f64,
    pub subject_row: Vec<f64>,
    pub loc_fill: f64,
    pub used: Vec<Candidate>,
    pub n_candidates: usize,
}

impl CompModel {
    fn effects(&self, row: &[f64], loc_fill: f64, subject: &Subject, p: &PoolSale) -> Vec<(&'static str, f64)> {
        let mut e = group_effects(&self.hedonic, row, &p.row);
        if let Some(n) = e.iter_mut().find(|(a, _)| *a == "neighborhood") {
            n.1 += loc_fill;
        }
        if !self.hedonic.design.has_hazard
            && let (Some(hs), Some(hc)) = (subject.hazard, p.sale.hazard)
        {
            e.push(("hazard", self.cfg.hazard_prior_log_per_unit * (hs - hc)));
        }
        e
    }

    /// The error of a subject whose property type no earlier pool sale has.
    fn no_candidates(&self, subject: &Subject, as_of: NaiveDate) -> CompError {
        CompError::NoCandidates {
            property_type: subject.property_type.clone(),
            as_of,
            prior: self.pool.iter().filter(|p| p.sale.sale_date < as_of).count(),
        }
    }

    pub(crate) fn assess(&self, subject: &Subject, as_of: NaiveDate) -> Result<Assessment, CompError> {
        let cfg = &self.cfg;
        let cands: Vec<(usize, f64)> = self
            .index
            .nearest(subject.lat, subject.lon)
            .filter(|&i| {
                let s = &self.pool[i].sale;
                s.sale_date < as_of && s.property_type.eq_ignore_ascii_case(&subject.property_type)
            })
            .take(cfg.max_candidates)
            .map(|i| {
                (
                    i,
                    haversine_km(subject.lat, subject.lon, self.pool[i].sale.lat, self.pool[i].sale.lon),
                )
            })
            .collect();
        if cands.is_empty() {
            return Err(self.no_candidates(subject, as_of));
        }
        let nbhd = subject
            .neighborhood
            .as_deref()
            .filter(|n| self.hedonic.design.knows_neighborhood(n));
        let obs = Observation {
            attrs: &subject.attrs,
            nbhd,
            hazard: subject.hazard,
            condition: None,
            date: as_of,
        };
        let row = self.hedonic.row(&obs);
        // An unknown neighbourhood takes the distance-weighted level of the nearby sales.
        let loc_fill = if nbhd.is_none() {
            let w: Vec<f64> = cands
                .iter()
                .map(|(_, d)| (-0.5 * (d / cfg.bandwidth_km).powi(2)).exp())
                .collect();
            let sw: f64 = w.iter().sum();
            if sw > 0.0 {
                cands
                    .iter()
                    .zip(&w)
                    .map(|((i, _), w)| w * self.pool[*i].loc)
                    .sum::<f64>()
                    / sw
            } else {
                0.0
            }
        } else {
            0.0
        };
        let hedonic_log = self.hedonic.predict_row(&row) + loc_fill;
        let mut scored: Vec<Candidate> = cands
            .iter()
            .map(|&(idx, distance_km)| {
                let p = &self.pool[idx];
                let effects = self.effects(&row, loc_fill, subject, p);
                let adj_log = p.sale.price.ln() + effects.iter().map(|e| e.1).sum::<f64>();
                let physical: Vec<f64> = effects.iter().filter(|e| e.0 != "market_time").map(|e| e.1).collect();
                let days_before = (as_of - p.sale.sale_date).num_days();
                let mut kernel = kernel(distance_km, days_before as f64, &physical, cfg);
                if subject.neighborhood.is_some() && p.sale.neighborhood != subject.neighborhood {
                    kernel.log_similarity -= cfg.other_neighborhood_penalty;
                }
                if cfg.bandwidth_year_built > 0.0 {
                    let dy = f64::from(subject.attrs.year_built - p.sale.attrs.year_built) / cfg.bandwidth_year_built;
                    kernel.log_similarity -= 0.5 * dy * dy;
                }
                Candidate {
                    idx,
                    distance_km,
                    days_before,
                    kernel,
                    adj_log,
                    effects,
                    weight: 0.0,
                }
            })
            .collect();
        scored.sort_by(|a, b| {
            b.kernel
                .log_weight()
                .total_cmp(&a.kernel.log_weight())
                .then_with(|| a.distance_km.total_cmp(&b.distance_km))
                .then_with(|| self.pool[a.idx].sale.id.cmp(&self.pool[b.idx].sale.id))
        });
        scored.truncate(cfg.k.max(1));
        let raw: Vec<f64> = scored.iter().map(|c| c.kernel.weight()).collect();
        let top = scored.first().map_or(0.0, |c| c.kernel.log_weight());
        let rel: Vec<f64> = scored.iter().map(|c| (c.kernel.log_weight() - top).exp()).collect();
        let total_rel: f64 = rel.iter().sum();
        for (c, w) in scored.iter_mut().zip(&rel) {
            c.weight = w / total_rel;
        }
        let logs: Vec<f64> = scored.iter().map(|c| c.adj_log).collect();
        let centre = if cfg.reconcile == Reconcile::WeightedMean {
            logs.iter().zip(&rel).map(|(l, w)| l * w).sum::<f64>() / total_rel
        } else {
            weighted_median(&logs, &rel).ok_or_else(|| self.no_candidates(subject, as_of))?
        };
        let mass: f64 = raw.iter().sum();
        // Sparse or dissimilar evidence leans on the hedonic value: a pseudo-count prior.
        let alpha = mass / (mass + cfg.hedonic_prior_weight);
        let est_log = alpha * centre + (1.0 - alpha) * hedonic_log;
        let mad = weighted_mad(&logs, &rel, centre).unwrap_or(0.0);
        let spread = (mad * mad + cfg.spread_floor * cfg.spread_floor).sqrt();
        let tree_log = self.trees.as_ref().and_then(|t| {
            let row = Row {
                attrs: &subject.attrs,
                nbhd: subject.neighborhood.as_deref(),
                lat: subject.lat,
                lon: subject.lon,
                condition: "normal",
                date: as_of,
            };
            Some(t.predict_log(&row)).filter(|v| v.is_finite())
        });
        Ok(Assessment {
            estimate: blend(est_log, tree_log, self.blend_weight).exp(),
            comps_log: est_log,
            tree_log,
            hedonic_log,
            spread,
            subject_row: row,
            loc_fill,
            used: scored,
            n_candidates: cands.len(),
        })
    }
}
