//! `reos backtest`: loads a tenant's sales, runs the docs/avm.md backtest with a progress bar and
//! writes predictions.csv, metrics.json and backtest.png (skipped, with a note, without the font).
use crate::analytics::comps::plot::{ratio_by_decile, write_backtest_png};
use crate::analytics::comps::{Backtest, BacktestPrediction, CompConfig, MODEL_VERSION, run_backtest_with_progress};
use crate::analytics::csv_safe::{Cell, SafeCsv};
use crate::cli::common::{bar, open_tenant, parse_date, write_json};
use crate::config::Settings;
use crate::services::sales;
use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The font the picture's labels are drawn with.
pub const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

#[derive(Args)]
pub struct BacktestArgs {
    #[arg(long)]
    pub tenant: String,
    /// First subject sale date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, required_unless_present = "rolling")]
    pub from: Option<NaiveDate>,
    /// Last subject sale date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, required_unless_present = "rolling")]
    pub to: Option<NaiveDate>,
    /// Rolling-origin evaluation instead: every window of `--windows`, the pooled study and the
    /// bootstrap noise → rolling.json (docs/comp-critic.md).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub rolling: bool,
    /// The rolling windows, FROM..TO,… (YYYY-MM-DD).
    #[arg(long, default_value = super::rolling::DEFAULT_WINDOWS, requires = "rolling")]
    pub windows: String,
    /// Output folder.
    #[arg(long, default_value = "artifacts/backtest")]
    pub out: PathBuf,
    /// TrueType font for the picture's labels.
    #[arg(long, default_value = DEFAULT_FONT)]
    pub font: PathBuf,
}

pub async fn run(settings: &Settings, args: &BacktestArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let tx = open_tenant(settings, &args.tenant).await?;
    let (all, skipped) = sales::for_engine(&tx).await?;
    tx.rollback().await.ok();
    let load_seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "loaded {} sales of `{}` ({skipped} unusable left out)",
        all.len(),
        args.tenant
    );
    if args.rolling {
        let windows = super::rolling::parse_windows(&args.windows)?;
        let out = args.out.clone();
        tokio::task::spawn_blocking(move || super::rolling::run(&all, &windows, &out)).await??;
        return Ok(());
    }
    let (Some(from), Some(to)) = (args.from, args.to) else {
        anyhow::bail!("--from and --to are required (or --rolling)");
    };
    let cfg = CompConfig::default();
    let pb = bar(0, "backtest");
    let pb2 = pb.clone();
    let started = Instant::now();
    let (bt, all) = tokio::task::spawn_blocking(move || {
        let progress = move |done: usize, total: usize| {
            pb2.set_length(total as u64);
            pb2.set_position(done as u64);
        };
        let bt = run_backtest_with_progress(&all, from, to, &cfg, &progress);
        (bt, all)
    })
    .await?;
    let bt = bt?;
    let backtest_seconds = started.elapsed().as_secs_f64();
    pb.finish_and_clear();
    let timing = tokio::task::spawn_blocking(move || super::bench::full_pool_timing(&all, 200)).await??;
    std::fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    write_predictions(&args.out.join("predictions.csv"), &bt)?;
    let metrics = serde_json::json!({
        "source": {"tenant": args.tenant, "sales_loaded": timing.sales, "unusable_sales": skipped},
        "window": {"from": from, "to": to},
        "model_version": MODEL_VERSION,
        "config": CompConfig::default(),
        "metrics": bt.metrics,
        "failures": bt.failures,
        "ratio_by_price_decile": ratio_by_decile(&bt.predictions),
        "timing": {
            "load_seconds": load_seconds,
            "backtest_seconds": backtest_seconds,
            "fit_full_pool_ms": timing.fit_ms,
            "per_valuation_ms": timing.per_valuation_ms,
            "pool_size": timing.pool_size,
            "threads": rayon::current_num_threads(),
            "build": if cfg!(debug_assertions) { "debug" } else { "release" },
        },
    });
    write_json(&args.out.join("metrics.json"), &metrics)?;
    write_picture(&args.out.join("backtest.png"), &args.font, &bt);
    print_summary(&bt, backtest_seconds);
    Ok(())
}

fn write_predictions(path: &Path, bt: &Backtest) -> anyhow::Result<()> {
    let f = std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?;
    predictions_csv(std::io::BufWriter::new(f), &bt.predictions)
        .and_then(|mut w| Ok(w.flush()?))
        .with_context(|| format!("writing {}", path.display()))
}

/// predictions.csv: through the csv crate, sale ids neutralized against formula injection
/// (docs/csv-exports.md); prices to the dollar.
fn predictions_csv<W: Write>(out: W, predictions: &[BacktestPrediction]) -> anyhow::Result<W> {
    let header = [
        "sale_id",
        "sale_price",
        "estimate",
        "low_80",
        "high_80",
        "comps_used",
        "comps_estimate",
        "tree_estimate",
        "blend_weight",
        "market_regime",
    ];
    let mut w = SafeCsv::new(out, &header)?;
    for p in predictions {
        w.row(&[
            Cell::Text(&p.sale_id),
            Cell::Number(p.sale_price, 0),
            Cell::Number(p.estimate, 0),
            Cell::Number(p.low_80, 0),
            Cell::Number(p.high_80, 0),
            Cell::Int(i64::try_from(p.comps_used).unwrap_or(i64::MAX)),
            Cell::Number(p.comps_estimate, 0),
            p.tree_estimate.map_or(Cell::Text(""), |t| Cell::Number(t, 0)),
            Cell::Number(p.blend_weight, 2),
            Cell::Text(match p.market_moving {
                Some(true) => "moving",
                Some(false) => "calm",
                None => "",
            }),
        ])?;
    }
    Ok(w.finish()?)
}

/// The picture is evidence, not the result: a missing font or a drawing failure is reported and
/// the command still succeeds with the CSV and JSON written.
fn write_picture(path: &Path, font: &Path, bt: &Backtest) {
    let bytes = match std::fs::read(font) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "NOTE: backtest.png not written: font {} is unavailable ({e}); install fonts-dejavu-core or pass --font",
                font.display()
            );
            return;
        }
    };
    // plotters registers fonts for the life of the process; one picture per run, so leaking the
    // bytes once is the simple way to give it the 'static slice it wants.
    let font: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    match write_backtest_png(&bt.predictions, path, font) {
        Ok(()) => eprintln!("wrote {}", path.display()),
        Err(e) => eprintln!("NOTE: backtest.png not written: {e}"),
    }
}

fn print_summary(bt: &Backtest, seconds: f64) {
    println!(
        "backtest {} … {}: {} valued, {} failed in {seconds:.2} s",
        bt.from,
        bt.to,
        bt.predictions.len(),
        bt.failures.len()
    );
    if let Some(m) = &bt.metrics {
        println!(
            "MdAPE {:.2} %  PPE10 {:.1} %  median ratio {:.3}  COD {:.2}  PRD {:.3}  PRB {}  80 % coverage {}",
            100.0 * m.mdape,
            100.0 * m.ppe10,
            m.median_ratio,
            m.cod,
            m.prd,
            m.prb.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}")),
            m.coverage
                .map_or_else(|| "n/a".to_owned(), |v| format!("{:.1} %", 100.0 * v)),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
