//! Market regime on the command line (docs/market.md): `reos import market`, `reos market bocpd`
//! (the detector on a one-column CSV, no database), `regime`, `changepoints` and `plot` on a
//! tenant's markets, `report` (every market of a canonical CSV: alarms, regimes and plots, no
//! database) and `reos bench market`.
pub(super) mod report;

use super::common::{open_tenant, refused, write_json};
use crate::analytics::market::bocpd::{self, Hyper};
use crate::analytics::market::plot::{Tracked, write_market_png};
use crate::analytics::market::regime::{self, RegimeConfig};
use crate::analytics::market::series::{MonthlySeries, SeriesKind};
use crate::config::Settings;
use crate::services::market::{self, import};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

pub use report::{BenchMarketArgs, ReportArgs};

/// The font the pictures are labelled with (Debian's fonts-dejavu-core).
pub const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

#[derive(Subcommand)]
pub enum MarketCommand {
    /// Run the changepoint detector on a one-column CSV (header `value`; empty or NA = missing);
    /// prints one line per value. No database, no settings.
    Bocpd(BocpdArgs),
    /// A tenant market's regime in a month (default: its last).
    Regime(RegimeArgs),
    /// Every changepoint alarm of a tenant's markets, as one JSON array.
    Changepoints(ChangepointsArgs),
    /// A tenant market's picture: price and sales with the probability of a recent change beneath.
    Plot(PlotArgs),
    /// Alarms, regimes and pictures of every market of a canonical market CSV (no database):
    /// `artifacts/market/` is made with it from data/txhousing.csv.
    Report(ReportArgs),
}

#[derive(Args)]
pub struct ImportMarketArgs {
    /// The canonical market CSV (`market,month,median_price,sales,volume,listings,inventory_months`).
    pub file: PathBuf,
    #[arg(long)]
    pub tenant: String,
    /// Also write the outcome (counts, or every refused value) to this JSON file.
    #[arg(long)]
    pub report: Option<PathBuf>,
}

#[derive(Args)]
pub struct BocpdArgs {
    pub file: PathBuf,
    /// Expected run length (the hazard is 1/lambda).
    #[arg(long, default_value_t = Hyper::default().lambda)]
    pub lambda: f64,
    #[arg(long, default_value_t = Hyper::default().mu0, allow_hyphen_values = true)]
    pub mu0: f64,
    #[arg(long, default_value_t = Hyper::default().kappa0)]
    pub kappa0: f64,
    #[arg(long, default_value_t = Hyper::default().alpha0)]
    pub alpha0: f64,
    #[arg(long, default_value_t = Hyper::default().beta0)]
    pub beta0: f64,
    /// One JSON object per line: {"t", "p_new", "map_run_length", "mean"}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct RegimeArgs {
    #[arg(long)]
    pub tenant: String,
    #[arg(long)]
    pub market: String,
    /// YYYY-MM; default the market's last month.
    #[arg(long, value_parser = parse_month)]
    pub as_of: Option<NaiveDate>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ChangepointsArgs {
    #[arg(long)]
    pub tenant: String,
    /// Only this market (default: every market of the tenant, imported and derived).
    #[arg(long)]
    pub market: Option<String>,
    /// Only alarms at least this likely.
    #[arg(long, default_value_t = 0.0)]
    pub min_probability: f64,
    /// Print the JSON array (the only output there is; accepted for symmetry with the others).
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct PlotArgs {
    #[arg(long)]
    pub tenant: String,
    #[arg(long)]
    pub market: String,
    /// Default: MARKET.png in the current folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long, default_value = DEFAULT_FONT)]
    pub font: PathBuf,
}

/// `YYYY-MM` (or a full date) → the first of that month.
pub fn parse_month(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.with_day0(0).unwrap_or(d)))
        .map_err(|_| format!("`{s}` is not a month (YYYY-MM)"))
}

use chrono::Datelike;

/// The one-column file: a `value` header, then one number per line; an empty line or `NA` is a
/// missing value (read line by line: a CSV reader would skip the empty lines).
fn read_values(path: &Path) -> anyhow::Result<Vec<Option<f64>>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("opening {}", path.display()))?;
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().trim().trim_matches('"');
    if header != "value" {
        bail!(
            "{}: the header must be the one column `value`, not `{header}`",
            path.display()
        );
    }
    lines
        .enumerate()
        .map(|(i, line)| {
            let v = line.trim().trim_matches('"');
            if v.is_empty() || v.eq_ignore_ascii_case("na") {
                return Ok(None);
            }
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Some(x)),
                _ => bail!(
                    "{}: row {}: value `{v}` is not a finite number (empty or NA when missing)",
                    path.display(),
                    i + 1
                ),
            }
        })
        .collect()
}

pub fn bocpd(args: &BocpdArgs) -> anyhow::Result<()> {
    let hyper = Hyper {
        lambda: args.lambda,
        mu0: args.mu0,
        kappa0: args.kappa0,
        alpha0: args.alpha0,
        beta0: args.beta0,
    };
    let values = read_values(&args.file)?;
    let steps = bocpd::run(&hyper, &values).map_err(|e| anyhow::anyhow!("--{e}"))?;
    if !args.json {
        println!("{:>6} {:>10} {:>8} {:>12}", "t", "p_new", "map_rl", "mean");
    }
    for s in steps {
        if args.json {
            println!("{}", serde_json::to_string(&s)?);
        } else {
            println!("{:>6} {:>10.6} {:>8} {:>12.6}", s.t, s.p_new, s.map_run_length, s.mean);
        }
    }
    Ok(())
}

pub async fn import_market(settings: &Settings, args: &ImportMarketArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.file).with_context(|| format!("opening {}", args.file.display()))?;
    let tx = open_tenant(settings, &args.tenant).await?;
    let today = chrono::Utc::now().date_naive();
    match import::import_csv(&tx, std::io::BufReader::new(file), today).await {
        Ok(s) => {
            tx.commit().await.context("committing the import")?;
            println!(
                "imported {} months of {} market(s) into `{}`: {} inserted, {} updated, {} unchanged",
                s.rows, s.markets, args.tenant, s.inserted, s.updated, s.unchanged
            );
            if let Some(path) = &args.report {
                write_json(path, &serde_json::json!({"status": "imported", "summary": s}))?;
            }
            Ok(())
        }
        Err(import::ImportError::Rejected(report)) => {
            tx.rollback().await.ok();
            Err(refused(
                &args.file,
                &report.violations,
                report.rows,
                &report,
                args.report.as_deref(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// The tenant's market as the detector sees it.
async fn tenant_series(settings: &Settings, tenant: &str, name: &str) -> anyhow::Result<MonthlySeries> {
    let tx = open_tenant(settings, tenant).await?;
    let (_, rows) = market::rows(&tx, name)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    tx.rollback().await.ok();
    Ok(market::monthly(&rows))
}

pub async fn run(cmd: MarketCommand, settings: &Settings) -> anyhow::Result<()> {
    let cfg = market::regime_config(&settings.market);
    match cmd {
        MarketCommand::Bocpd(args) => bocpd(&args),
        MarketCommand::Report(args) => report::run(&args, &cfg),
        MarketCommand::Regime(args) => {
            let series = tenant_series(settings, &args.tenant, &args.market).await?;
            let view = market::regime_in(&args.market, &series, args.as_of, &cfg)
                .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                print_regime(&view);
            }
            Ok(())
        }
        MarketCommand::Changepoints(args) => {
            let tx = open_tenant(settings, &args.tenant).await?;
            let found = market::changepoints(&tx, args.market.as_deref(), args.min_probability, &cfg)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
            tx.rollback().await.ok();
            println!("{}", serde_json::to_string(&found)?);
            Ok(())
        }
        MarketCommand::Plot(args) => {
            let series = tenant_series(settings, &args.tenant, &args.market).await?;
            let out = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{}.png", file_stem(&args.market))));
            let font = load_font(&args.font)?;
            plot(&args.market, &series, &cfg, &out, font)?;
            println!("wrote {}", out.display());
            Ok(())
        }
    }
}

fn print_regime(v: &market::RegimeView) {
    let r = &v.regime;
    println!("{} in {}: {:?}", v.market, v.month.format("%Y-%m"), r.label);
    println!(
        "  segment since {} ({} months): mean 12-month price change {:+.1}%, volatility {}",
        v.segment_start.format("%Y-%m"),
        r.t + 1 - r.segment_start,
        r.segment_growth * 100.0,
        r.segment_volatility
            .map_or("n/a".into(), |s| format!("{:.1}%", s * 100.0))
    );
    if let Some(p) = r.predecessor_growth {
        println!("  segment before: {:+.1}%", p * 100.0);
    }
    println!(
        "  P(change in the last 3 / 6 / 12 months): {:.2} / {:.2} / {:.2}; most probable run length {}",
        r.p_change[0], r.p_change[1], r.p_change[2], r.map_run_length
    );
    for s in &r.series {
        println!(
            "  {:<17} P(new segment now) {:.3}, run length {:>3}, P(change in 12 months) {:.2}",
            s.kind.as_str(),
            s.p_new,
            s.map_run_length,
            s.p_change[2]
        );
    }
}

/// A file name for a market name (letters, digits, `-`, `_`; anything else `_`).
pub fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The font for the pictures (plotters keeps it for the life of the process: leaked once).
pub fn load_font(path: &Path) -> anyhow::Result<&'static [u8]> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("font {} (install fonts-dejavu-core or pass --font)", path.display()))?;
    Ok(Box::leak(bytes.into_boxed_slice()))
}

/// Draws one market's picture.
pub fn plot(
    name: &str,
    series: &MonthlySeries,
    cfg: &RegimeConfig,
    out: &Path,
    font: &'static [u8],
) -> anyhow::Result<()> {
    let mut tracks = Vec::new();
    for kind in SeriesKind::ALL {
        let points = regime::track(&series.raw(kind), cfg)?;
        let alarms = regime::alarms(&points, cfg);
        tracks.push((kind, points, alarms));
    }
    let tracked: Vec<Tracked<'_>> = tracks
        .iter()
        .map(|(kind, points, alarms)| Tracked {
            kind: *kind,
            points,
            alarms,
        })
        .collect();
    write_market_png(name, series, &tracked, out, font).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))
}
