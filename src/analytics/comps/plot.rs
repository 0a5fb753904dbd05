//! Backtest picture: estimate-vs-price scatter beside the median ratio by price decile, drawn to
//! a PNG with plotters' bitmap backend. The caller supplies TrueType font bytes for the labels.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use serde::Serialize;

use super::backtest::BacktestPrediction;
use crate::analytics::stats::ratio::median;

/// Why the picture could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlotError {
    #[error("no predictions to plot")]
    Empty,
    #[error("the font bytes are not a usable TrueType font")]
    Font,
    #[error("drawing failed: {0}")]
    Draw(String),
}

/// Median ratio of one price decile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecileRow {
    pub decile: usize,
    pub min_price: f64,
    pub max_price: f64,
    pub median_ratio: f64,
    pub n: usize,
}

/// Sorts by sale price and splits into ten near-equal groups (fewer when there are fewer sales).
pub fn ratio_by_decile(preds: &[BacktestPrediction]) -> Vec<DecileRow> {
    let mut v: Vec<(f64, f64)> = preds
        .iter()
        .map(|p| (p.sale_price, p.estimate / p.sale_price))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let groups = v.len().min(10);
    (0..groups)
        .filter_map(|g| {
            let seg = &v[g * v.len() / groups..(g + 1) * v.len() / groups];
            let ratios: Vec<f64> = seg.iter().map(|x| x.1).collect();
            Some(DecileRow {
                decile: g + 1,
                min_price: seg.first()?.0,
                max_price: seg.last()?.0,
                median_ratio: median(&ratios)?,
                n: seg.len(),
            })
        })
        .collect()
}

fn draw_err<E: std::fmt::Display>(e: E) -> PlotError {
    PlotError::Draw(e.to_string())
}

/// Writes a 1400×650 PNG to `path`.
pub fn write_backtest_png(preds: &[BacktestPrediction], path: &Path, font: &'static [u8]) -> Result<(), PlotError> {
    if preds.is_empty() {
        return Err(PlotError::Empty);
    }
    register_font("sans-serif", FontStyle::Normal, font).map_err(|_| PlotError::Font)?;
    let root = BitMapBackend::new(path, (1400, 650)).into_drawing_area();
    root.fill(&WHITE).map_err(draw_err)?;
    let (left, right) = root.split_horizontally(700);
    let top = preds.iter().map(|p| p.sale_price.max(p.estimate)).fold(0.0, f64::max) * 1.05;
    let mut chart = ChartBuilder::on(&left)
        .caption("Estimate vs sale price", ("sans-serif", 24))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..top, 0.0..top)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .x_desc("sale price ($)")
        .y_desc("estimate ($)")
        .x_label_formatter(&|v| format!("{:.0}k", v / 1e3))
        .y_label_formatter(&|v| format!("{:.0}k", v / 1e3))
        .draw()
        .map_err(draw_err)?;
    chart
        .draw_series(LineSeries::new(vec![(0.0, 0.0), (top, top)], &BLACK))
        .map_err(draw_err)?;
    chart
        .draw_series(
            preds
                .iter()
                .map(|p| Circle::new((p.sale_price, p.estimate), 2, BLUE.mix(0.5).filled())),
        )
        .map_err(draw_err)?;
    let rows = ratio_by_decile(preds);
    let hi = rows.iter().map(|r| r.median_ratio).fold(1.1, f64::max) + 0.02;
    let lo = rows.iter().map(|r| r.median_ratio).fold(0.9, f64::min) - 0.02;
    let mut bars = ChartBuilder::on(&right)
        .caption("Median ratio by price decile", ("sans-serif", 24))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(60)
        .build_cartesian_2d(0.5..(rows.len() as f64 + 0.5), lo..hi)
        .map_err(draw_err)?;
    bars.configure_mesh()
        .x_desc("price decile (1 = cheapest)")
        .y_desc("estimate / price")
        .x_labels(rows.len())
        .x_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(draw_err)?;
    bars.draw_series(rows.iter().map(|r| {
        let x = r.decile as f64;
        Rectangle::new([(x - 0.35, 1.0), (x + 0.35, r.median_ratio)], BLUE.mix(0.6).filled())
    }))
    .map_err(draw_err)?;
    let n = rows.len() as f64 + 0.5;
    for (y, style) in [(1.0, BLACK), (0.9, RED), (1.1, RED)] {
        bars.draw_series(LineSeries::new(vec![(0.5, y), (n, y)], &style))
            .map_err(draw_err)?;
    }
    root.present().map_err(draw_err)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
