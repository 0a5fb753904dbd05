//! `reos market report` (every market of a canonical CSV: alarms in a crisis window and a calm
//! one per series, the regime in the last month, one picture per market; no database) and
//! `reos bench market` (the detector over every market and series, timed).
use super::super::common::write_json;
use super::{DEFAULT_FONT, file_stem, load_font, parse_month, plot};
use crate::analytics::market::regime::RegimeConfig;
use crate::analytics::market::series::{MonthlySeries, SeriesKind};
use crate::services::market::{self, import};
use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct ReportArgs {
    /// Canonical market CSV (e.g. data/txhousing.csv).
    pub file: PathBuf,
    /// Folder for report.json and plots/.
    #[arg(long, default_value = "artifacts/market")]
    pub out: PathBuf,
    /// The window where changes are expected, as FROM..TO months.
    #[arg(long, default_value = "2006-07..2009-06")]
    pub crisis: String,
    /// The calm window, where alarms are false alarms.
    #[arg(long, default_value = "2001-01..2005-12")]
    pub calm: String,
    #[arg(long, default_value = DEFAULT_FONT)]
    pub font: PathBuf,
    /// Skip the pictures.
    #[arg(long)]
    pub no_plots: bool,
    /// Draw only these markets (comma-separated); default every market.
    #[arg(long, value_delimiter = ',')]
    pub plot_markets: Vec<String>,
}

#[derive(Args)]
pub struct BenchMarketArgs {
    #[arg(long, default_value = "data/txhousing.csv")]
    pub csv: PathBuf,
    #[arg(long, default_value = "artifacts/bench/market.json")]
    pub out: PathBuf,
    /// Timed repetitions (the median is reported).
    #[arg(long, default_value_t = 20)]
    pub runs: usize,
}

fn window(s: &str) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let (a, b) = s
        .split_once("..")
        .with_context(|| format!("`{s}` is not FROM..TO (YYYY-MM..YYYY-MM)"))?;
    Ok((
        parse_month(a).map_err(anyhow::Error::msg)?,
        parse_month(b).map_err(anyhow::Error::msg)?,
    ))
}

/// Every market of a canonical CSV, through the import gate.
fn read_markets(path: &Path) -> anyhow::Result<Vec<(String, MonthlySeries)>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let rows = import::check(std::io::BufReader::new(file), chrono::Utc::now().date_naive()).map_err(|r| {
        let first = r
            .violations
            .first()
            .map(|v| format!("{} `{}`: {}", v.field, v.value, v.rule));
        anyhow::anyhow!(
            "{}: {} problem(s); first: {}",
            path.display(),
            r.violations.len(),
            first.unwrap_or_default()
        )
    })?;
    Ok(market::by_market(rows)
        .into_iter()
        .map(|(name, rows)| (name, market::monthly(&rows)))
        .collect())
}

/// Every alarm of every series of every market: what `reos market changepoints` computes for a
/// tenant, and what the speed target is about.
fn track_all(markets: &[(String, MonthlySeries)], cfg: &RegimeConfig) -> anyhow::Result<Vec<market::Changepoint>> {
    market::changepoints_of_all(markets, cfg).map_err(|e| anyhow::anyhow!("{}", e.message()))
}

pub fn run(args: &ReportArgs, cfg: &RegimeConfig) -> anyhow::Result<()> {
    let (crisis, calm) = (window(&args.crisis)?, window(&args.calm)?);
    let markets = read_markets(&args.file)?;
    let started = Instant::now();
    let all = track_all(&markets, cfg)?;
    let detector_ms = started.elapsed().as_secs_f64() * 1e3;
    let within = |m: &str, (a, b): (NaiveDate, NaiveDate)| {
        let (a, b) = (a.format("%Y-%m").to_string(), b.format("%Y-%m").to_string());
        m >= a.as_str() && m <= b.as_str()
    };
    let mut per_market = serde_json::Map::new();
    let mut summary = serde_json::Map::new();
    let mut by_kind: BTreeMap<&str, (usize, Vec<usize>)> = BTreeMap::new();
    for (name, series) in &markets {
        let found: Vec<&market::Changepoint> = all.iter().filter(|c| c.market == *name).collect();
        for kind in SeriesKind::ALL {
            let mine: Vec<_> = found.iter().filter(|c| c.series == kind).collect();
            let entry = by_kind.entry(kind.as_str()).or_default();
            if mine.iter().any(|c| within(&c.month, crisis)) {
                entry.0 += 1;
            }
            entry.1.push(mine.iter().filter(|c| within(&c.month, calm)).count());
        }
        let regime = market::regime_in(name, series, None, cfg).ok();
        per_market.insert(
            name.clone(),
            json!({
                "alarms": found,
                "last_month_regime": regime.map(|v| json!({
                    "month": v.month.format("%Y-%m").to_string(),
                    "label": v.regime.label,
                    "segment_start": v.segment_start.format("%Y-%m").to_string(),
                    "segment_growth": v.regime.segment_growth,
                    "segment_volatility": v.regime.segment_volatility,
                })),
            }),
        );
        if !args.no_plots && (args.plot_markets.is_empty() || args.plot_markets.contains(name)) {
            let dir = args.out.join("plots");
            std::fs::create_dir_all(&dir)?;
            plot(
                name,
                series,
                cfg,
                &dir.join(format!("{}.png", file_stem(name))),
                load_font(&args.font)?,
            )?;
        }
    }
    let n = markets.len();
    for (kind, (with_change, calm_counts)) in by_kind {
        let total: usize = calm_counts.iter().sum();
        summary.insert(
            kind.to_owned(),
            json!({
                "markets_with_an_alarm_in_crisis_window": with_change,
                "markets": n,
                "calm_window_alarms_total": total,
                "calm_window_alarms_per_market": total as f64 / n.max(1) as f64,
                "markets_without_a_calm_window_alarm": calm_counts.iter().filter(|c| **c == 0).count(),
            }),
        );
    }
    let report = json!({
        "what": "changepoint alarms (the MAP run length falls from above alarm_run_length to it or below) per watched series, per market",
        "source": args.file.display().to_string(),
        "crisis_window": args.crisis,
        "calm_window": args.calm,
        "config": cfg,
        "summary": summary,
        "detector_ms_all_markets_and_series": detector_ms,
        "markets": per_market,
    });
    std::fs::create_dir_all(&args.out)?;
    let path = args.out.join("report.json");
    write_json(&path, &report)?;
    println!("{}", serde_json::to_string_pretty(&report["summary"])?);
    println!("wrote {} ({n} markets)", path.display());
    Ok(())
}

pub fn bench(args: &BenchMarketArgs, cfg: &RegimeConfig) -> anyhow::Result<()> {
    let markets = read_markets(&args.csv)?;
    let mut times = Vec::new();
    let mut alarms = 0;
    for _ in 0..args.runs.max(1) {
        let started = Instant::now();
        alarms = track_all(&markets, cfg)?.len();
        times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let months: usize = markets.iter().map(|(_, s)| s.len()).sum();
    let out = json!({
        "what": "every changepoint alarm of every market × 3 watched series of the file: standardization and BOCPD without run-length truncation (markets in parallel on rayon's pool)",
        "file": args.csv.display().to_string(),
        "markets": markets.len(),
        "series": markets.len() * 3,
        "months_per_series_total": months,
        "alarms": alarms,
        "runs": times.len(),
        "median_ms": median,
        "min_ms": times[0],
        "max_ms": times[times.len() - 1],
        "target_ms": 50,
        "meets_target": median <= 50.0,
        "build": if cfg!(debug_assertions) { "debug" } else { "release" },
        "machine": {"cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)},
        "date": chrono::Utc::now().to_rfc3339(),
    });
    write_json(&args.out, &out)?;
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
