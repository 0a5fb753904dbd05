//! A market's picture: the median price and sales over time, with the detector's probability of a
//! recent change for each watched series beneath (alarms marked), drawn to a PNG with plotters'
//! bitmap backend. The caller supplies TrueType font bytes for the labels.
use super::regime::{Alarm, Point};
use super::series::{MonthlySeries, SeriesKind};
use chrono::Datelike;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::path::Path;

/// Why the picture could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlotError {
    #[error("the market has no months to plot")]
    Empty,
    #[error("the font bytes are not a usable TrueType font")]
    Font,
    #[error("drawing failed: {0}")]
    Draw(String),
}

fn draw_err<E: std::fmt::Display>(e: E) -> PlotError {
    PlotError::Draw(e.to_string())
}

/// One watched series' detector output for the picture.
pub struct Tracked<'a> {
    pub kind: SeriesKind,
    pub points: &'a [Point],
    pub alarms: &'a [Alarm],
}

const COLORS: [RGBColor; 3] = [RGBColor(31, 111, 235), RGBColor(214, 93, 14), RGBColor(26, 127, 55)];

/// Writes a 1400×900 PNG: price and sales panels over the probability panel.
pub fn write_market_png(
    name: &str,
    series: &MonthlySeries,
    tracked: &[Tracked<'_>],
    path: &Path,
    font: &'static [u8],
) -> Result<(), PlotError> {
    let Some(start) = series.start.filter(|_| !series.is_empty()) else {
        return Err(PlotError::Empty);
    };
    register_font("sans-serif", FontStyle::Normal, font).map_err(|_| PlotError::Font)?;
    // x in fractional years.
    let year = |t: usize| start.year() as f64 + (start.month0() as f64 + t as f64) / 12.0;
    let (x0, x1) = (year(0), year(series.len()));
    let root = BitMapBackend::new(path, (1400, 900)).into_drawing_area();
    root.fill(&WHITE).map_err(draw_err)?;
    let root = root
        .titled(&format!("{name}: market regime"), ("sans-serif", 28))
        .map_err(draw_err)?;
    let panels = root.split_evenly((3, 1));
    let line = |values: &[Option<f64>]| -> Vec<Vec<(f64, f64)>> {
        // Segments between missing months.
        let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (t, v) in values.iter().enumerate() {
            match v {
                Some(v) => out.last_mut().map_or((), |seg| seg.push((year(t), *v))),
                None => out.push(Vec::new()),
            }
        }
        out.into_iter().filter(|s| s.len() > 1).collect()
    };
    let price_alarms: Vec<f64> = tracked
        .iter()
        .filter(|t| t.kind == SeriesKind::MedianPriceYoy)
        .flat_map(|t| t.alarms.iter().map(|a| year(a.t)))
        .collect();
    for (panel, (values, label, color)) in panels.iter().zip([
        (&series.median_price, "median price ($)", COLORS[0]),
        (&series.sales, "sales per month", COLORS[1]),
    ]) {
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        let (lo, hi) = present
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
        let (lo, hi) = if lo.is_finite() {
            (lo * 0.95, hi * 1.05 + 1e-9)
        } else {
            (0.0, 1.0)
        };
        let mut chart = ChartBuilder::on(panel)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(80)
            .build_cartesian_2d(x0..x1, lo..hi)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .y_desc(label)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| {
                if *v >= 1e4 {
                    format!("{:.0}k", v / 1e3)
                } else {
                    format!("{v:.0}")
                }
            })
            .draw()
            .map_err(draw_err)?;
        for seg in line(values) {
            chart
                .draw_series(LineSeries::new(seg, color.stroke_width(2)))
                .map_err(draw_err)?;
        }
        for x in &price_alarms {
            chart
                .draw_series(LineSeries::new(vec![(*x, lo), (*x, hi)], RED.mix(0.6)))
                .map_err(draw_err)?;
        }
    }
    let mut chart = ChartBuilder::on(&panels[2])
        .margin(12)
        .x_label_area_size(35)
        .y_label_area_size(80)
        .build_cartesian_2d(x0..x1, 0.0..1.0)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .y_desc("P(change in last 12 months)")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(draw_err)?;
    for (i, t) in tracked.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let pts: Vec<(f64, f64)> = t
            .points
            .iter()
            .enumerate()
            .map(|(k, p)| (year(k), p.p_change[2]))
            .collect();
        chart
            .draw_series(LineSeries::new(pts, color.stroke_width(2)))
            .map_err(draw_err)?
            .label(t.kind.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3)));
        chart
            .draw_series(
                t.alarms
                    .iter()
                    .map(|a| Circle::new((year(a.t), a.probability), 5, color.filled())),
            )
            .map_err(draw_err)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
        .map_err(draw_err)?;
    root.present().map_err(draw_err)?;
    Ok(())
}
