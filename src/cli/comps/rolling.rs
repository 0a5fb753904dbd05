//! `reos backtest --rolling`: the rolling-origin table (docs/comp-critic.md) — every window valued
//! from prior sales only, the pooled study and each metric's bootstrap noise → rolling.json.
use crate::analytics::comps::rolling::{Noise, Rolling, run_rolling};
use crate::analytics::comps::{CompConfig, MODEL_VERSION};
use crate::analytics::stats::ratio::RatioStudy;
use crate::cli::common::write_json;
use chrono::NaiveDate;
use std::path::Path;

/// The windows of issue #16: two half-years of 2007–2008, then the development year.
pub const DEFAULT_WINDOWS: &str = "2007-07-01..2007-12-31,2008-01-01..2008-06-30,2008-07-01..2009-06-30";

/// `FROM..TO,FROM..TO` (YYYY-MM-DD) → the windows; errors name `--windows`.
pub fn parse_windows(s: &str) -> anyhow::Result<Vec<(NaiveDate, NaiveDate)>> {
    s.split(',')
        .map(|w| {
            let (a, b) = w
                .trim()
                .split_once("..")
                .ok_or_else(|| anyhow::anyhow!("--windows: `{w}` is not FROM..TO (YYYY-MM-DD..YYYY-MM-DD)"))?;
            let date = |d: &str| {
                NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                    .map_err(|_| anyhow::anyhow!("--windows: `{d}` is not a date (YYYY-MM-DD)"))
            };
            let (from, to) = (date(a)?, date(b)?);
            if from > to {
                anyhow::bail!("--windows: {from} is after {to}");
            }
            Ok((from, to))
        })
        .collect()
}

fn row(label: &str, n: usize, m: Option<&RatioStudy>, noise: Option<&Noise>) {
    let Some(m) = m else {
        println!("{label:<26} {n:>5}  (no valuations)");
        return;
    };
    let pm = |v: f64, s: Option<f64>, scale: f64, digits: usize| match s {
        Some(s) => format!("{:.*} ± {:.*}", digits, v * scale, digits, s * scale),
        None => format!("{:.*}", digits, v * scale),
    };
    println!(
        "{label:<26} {n:>5}  MdAPE {:>13}%  COD {:>12}  PRD {:.3}  PRB {:>7}  80% coverage {}",
        pm(m.mdape, noise.map(|n| n.mdape), 100.0, 2),
        pm(m.cod, noise.map(|n| n.cod), 1.0, 2),
        m.prd,
        m.prb.map_or_else(|| "n/a".into(), |v| format!("{v:.3}")),
        m.coverage
            .map_or_else(|| "n/a".into(), |c| pm(c, noise.and_then(|n| n.coverage), 1.0, 3)),
    );
}

/// Runs the windows on `sales`, prints the table and writes `out/rolling.json`.
pub fn run(
    sales: &[crate::analytics::comps::Sale],
    windows: &[(NaiveDate, NaiveDate)],
    out: &Path,
) -> anyhow::Result<Rolling> {
    let cfg = CompConfig::default();
    let rolling = run_rolling(sales, windows, &cfg, 1000, 7)?;
    for w in &rolling.windows {
        row(
            &format!("{} … {}", w.from, w.to),
            w.n,
            w.metrics.as_ref(),
            w.noise.as_ref(),
        );
    }
    let n: usize = rolling.windows.iter().map(|w| w.n).sum();
    row("pooled", n, rolling.pooled.as_ref(), rolling.pooled_noise.as_ref());
    for w in &rolling.windows {
        if let Some([lo, hi]) = w.blend_weights {
            println!("{} … {}: weight of the boosted trees {lo:.2}–{hi:.2}", w.from, w.to);
        }
    }
    std::fs::create_dir_all(out)?;
    let json = serde_json::json!({
        "what": "rolling-origin backtest (docs/comp-critic.md): each window's subjects valued from sales before their date only; noise = standard deviation over 1,000 bootstrap resamples of the window's predictions (stratified by window for the pool)",
        "model_version": MODEL_VERSION,
        "config": cfg,
        "rolling": rolling,
    });
    write_json(&out.join("rolling.json"), &json)?;
    eprintln!("wrote {}", out.join("rolling.json").display());
    Ok(rolling)
}
