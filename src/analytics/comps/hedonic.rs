//! Robust hedonic model: log price on standardized attributes, neighbourhood and market time,
//! fitted by Huber iteratively reweighted least squares with light ridge penalties.

use ndarray::{Array1, Array2};
use serde::Serialize;

use super::CompError;
use super::columns::{ColumnKind, Observation};
use super::config::CompConfig;
use super::features::Design;
use super::linalg::solve_spd;
use super::sale::Sale;

/// A fitted hedonic model.
#[derive(Debug, Clone, Serialize)]
pub struct HedonicModel {
    pub design: Design,
    pub beta: Vec<f64>,
    /// Robust residual scale (MAD-based) of log price.
    pub scale: f64,
    pub n_train: usize,
}

fn mad_scale(r: &Array1<f64>) -> f64 {
    let mut a: Vec<f64> = r.iter().map(|v| v.abs()).collect();
    a.sort_by(f64::total_cmp);
    let m = if a.is_empty() { 0.0 } else { a[a.len() / 2] };
    (m / 0.674_5).max(1e-6)
}

fn penalty(design: &Design, cfg: &CompConfig) -> Array2<f64> {
    let p = design.width();
    let mut pen = Array2::<f64>::zeros((p, p));
    let mut first_time = None;
    for (j, kind) in design.kinds.iter().enumerate() {
        pen[[j, j]] += match kind {
            ColumnKind::Intercept => 0.0,
            ColumnKind::Numeric | ColumnKind::Hazard => cfg.ridge_numeric,
            ColumnKind::Category => cfg.ridge_category,
            ColumnKind::Neighborhood => cfg.ridge_neighborhood,
            ColumnKind::NeighborhoodSlope => cfg.ridge_neighborhood_slope,
            ColumnKind::Time => {
                first_time.get_or_insert(j);
                0.0
            }
        };
    }
    // Roughness penalty on adjacent knots (knot 0 fixed at zero) keeps the index smooth
    // where months are thin instead of pulling levels towards the base month.
    if let Some(t0) = first_time {
        let l = cfg.time_smoothness;
        if cfg.time_penalty_order >= 2 {
            // Second differences β_{k+1} − 2β_k + β_{k−1} (β_0 = 0): the index is pulled towards a
            // straight line, not towards flat, so a steady trend is not damped at the edge.
            // Column t0 + i carries β_{i+1}; difference k is centred on β_{k+1} and needs β_{k+2}.
            let knots = p - t0;
            for k in 0..knots.saturating_sub(1) {
                let taps = [(k.checked_sub(1), 1.0), (Some(k), -2.0), (Some(k + 1), 1.0)];
                let cols: Vec<(usize, f64)> = taps.iter().filter_map(|&(i, c)| Some((t0 + i?, c))).collect();
                for &(a, ca) in &cols {
                    for &(b, cb) in &cols {
                        pen[[a, b]] += l * ca * cb;
                    }
                }
            }
        } else {
            pen[[t0, t0]] += l;
            for j in t0 + 1..p {
                pen[[j, j]] += l;
                pen[[j - 1, j - 1]] += l;
                pen[[j, j - 1]] -= l;
                pen[[j - 1, j]] -= l;
            }
        }
    }
    pen
}

impl HedonicModel {
    /// Fits on the given sales (the caller has already applied the date cut-off).
    pub fn fit(sales: &[&Sale], cfg: &CompConfig) -> Result<HedonicModel, CompError> {
        let design = Design::learn(
            sales,
            cfg.time_knot_months,
            cfg.hazard_min_share,
            cfg.ridge_neighborhood_slope > 0.0,
        );
        let p = design.width();
        let needed = (p + 1).max(cfg.min_training_sales);
        if sales.len() < needed {
            return Err(CompError::TooFewSales {
                found: sales.len(),
                needed,
            });
        }
        let n = sales.len();
        let mut x = Array2::<f64>::zeros((n, p));
        let mut y = Array1::<f64>::zeros(n);
        for (i, s) in sales.iter().enumerate() {
            let mut row = vec![0.0; p];
            design.row(&Observation::of_sale(s), &mut row);
            x.row_mut(i).assign(&Array1::from(row));
            y[i] = s.price.ln();
        }
        let pen = penalty(&design, cfg);
        let mut w = Array1::<f64>::ones(n);
        let mut beta = Array1::<f64>::zeros(p);
        let mut scale = 1.0;
        for _ in 0..cfg.huber_max_iter {
            let xw = &x * &w.view().insert_axis(ndarray::Axis(1));
            let xtwx = xw.t().dot(&x) + &pen;
            let xtwy = xw.t().dot(&y);
            let next = solve_spd(&xtwx, &xtwy).ok_or(CompError::Singular)?;
            let delta = (&next - &beta).iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            beta = next;
            let r = &y - &x.dot(&beta);
            scale = mad_scale(&r);
            let c = cfg.huber_c * scale;
            w = r.mapv(|e| if e.abs() <= c { 1.0 } else { c / e.abs() });
            if delta < 1e-7 {
                break;
            }
        }
        Ok(HedonicModel {
            design,
            beta: beta.to_vec(),
            scale,
            n_train: n,
        })
    }

    /// Design row for a property at a date.
    pub fn row(&self, obs: &Observation<'_>) -> Vec<f64> {
        let mut row = vec![0.0; self.design.width()];
        self.design.row(obs, &mut row);
        row
    }

    pub fn predict_row(&self, row: &[f64]) -> f64 {
        row.iter().zip(&self.beta).map(|(x, b)| x * b).sum()
    }

    /// Index range of the neighbourhood columns.
    pub fn neighborhood_effect(&self, row: &[f64]) -> f64 {
        row.iter()
            .zip(&self.beta)
            .zip(&self.design.kinds)
            .filter(|(_, k)| **k == ColumnKind::Neighborhood)
            .map(|((x, b), _)| x * b)
            .sum()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
