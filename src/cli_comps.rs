//! Comp-Critic on the command line: `reos import sales`, `reos value`, `reos backtest` and
//! `reos bench comps`. `cli.rs` flattens [`CompsCommand`] into its subcommands.
mod backtest;
mod bench;

use crate::analytics::comps::Subject;
use crate::config::Settings;
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId, TenantTx};
use crate::services::comps::CompService;
use crate::services::sales_import::{ImportError, import_csv};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};

pub use backtest::BacktestArgs;
pub use bench::BenchCompsArgs;

#[derive(Subcommand)]
pub enum CompsCommand {
    /// Import data files into a tenant.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Value a subject (JSON: lat, lon, property_type, neighborhood, attrs{…}, hazard) from a
    /// tenant's sales before --as-of (default today); prints the valuation as JSON.
    Value(ValueArgs),
    /// Backtest Comp-Critic on a tenant's sales (docs/avm.md protocol); writes predictions.csv,
    /// metrics.json and backtest.png.
    Backtest(BacktestArgs),
    /// Benchmarks.
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Canonical sales CSV (docs/avm.md); every row is checked before anything is written, and a
    /// file with any problem writes nothing (exit code 1).
    Sales(ImportSalesArgs),
    /// Property file (CSV or JSONL, docs/pipeline.md): gates → normalize/merge → hazards →
    /// provenance → owners → Comp-Critic; a blocking gate failure writes nothing (exit code 1).
    Properties(crate::cli_pipeline::ImportPropertiesArgs),
    /// Hazard table CSV (`lat,lon,flood,wildfire,heat`) stored for the tenant: the pipeline looks
    /// up rows without scores in it. Every point is checked first; a bad one writes nothing.
    Hazards(crate::cli_pipeline::ImportHazardsArgs),
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Time one Comp-Critic valuation on the full pool and a whole backtest; writes JSON.
    Comps(BenchCompsArgs),
    /// Import N generated properties into a fresh tenant (no scoring); writes properties/s to JSON.
    Pipeline(crate::cli_pipeline::BenchPipelineArgs),
    /// Time the worst abusive GraphQL documents through the guard, parse and validation; writes JSON.
    Abuse(crate::cli_bench_abuse::BenchAbuseArgs),
}

#[derive(Args)]
pub struct ImportSalesArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// Tenant slug.
    #[arg(long)]
    pub tenant: String,
    /// Also write the outcome (counts, or every refused value) to this JSON file.
    #[arg(long)]
    pub report: Option<PathBuf>,
}

#[derive(Args)]
pub struct ValueArgs {
    #[arg(long)]
    pub tenant: String,
    /// Subject JSON file.
    #[arg(long)]
    pub subject: PathBuf,
    /// Valuation date (YYYY-MM-DD); default today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// A date argument: `YYYY-MM-DD`; anything else is refused with the expected format (clap names
/// the flag: "invalid value '07/01/2008' for '--from <FROM>': expected …").
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    s.trim()
        .parse::<NaiveDate>()
        .map_err(|_| "expected a date as YYYY-MM-DD, e.g. 2008-07-01".to_owned())
}

/// Runs one Comp-Critic command.
pub async fn run(cmd: CompsCommand, settings: &Settings) -> anyhow::Result<()> {
    match cmd {
        CompsCommand::Import {
            command: ImportCommand::Sales(args),
        } => import_sales(settings, &args).await,
        CompsCommand::Import {
            command: ImportCommand::Properties(args),
        } => crate::cli_pipeline::import_properties(settings, &args).await,
        CompsCommand::Import {
            command: ImportCommand::Hazards(args),
        } => crate::cli_pipeline::import_hazards(settings, &args).await,
        CompsCommand::Bench {
            command: BenchCommand::Pipeline(args),
        } => crate::cli_pipeline::bench_pipeline(settings, &args).await,
        CompsCommand::Value(args) => value(settings, &args).await,
        CompsCommand::Backtest(args) => backtest::run(settings, &args).await,
        CompsCommand::Bench {
            command: BenchCommand::Comps(args),
        } => bench::run(&args).await,
        CompsCommand::Bench {
            command: BenchCommand::Abuse(args),
        } => crate::cli_bench_abuse::run(&args).await,
    }
}

/// Connects and opens a transaction bound to the tenant with this slug.
pub(crate) async fn open_tenant(settings: &Settings, slug: &str) -> anyhow::Result<TenantTx> {
    let db = Database::connect(settings).await?;
    let tenant = tenant_by_slug(&db, slug).await?;
    Ok(TenantTx::begin(&db.service, TenantId(tenant.id)).await?)
}

/// The tenant named by `--tenant`, or an error that says how to create it.
pub(crate) async fn tenant_by_slug(db: &Database, slug: &str) -> anyhow::Result<reos_entities::tenant::Model> {
    tenants::by_slug(&db.service, slug)
        .await
        .with_context(|| format!("--tenant: looking up tenant `{slug}` (has `reos migrate up` run?)"))?
        .with_context(|| format!("--tenant: no tenant with slug `{slug}` (create it with `reos tenant create`)"))
}

pub(crate) fn write_json(path: &Path, value: &serde_json::Value) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
}

pub(crate) fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({elapsed}, eta {eta})") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_owned());
    pb
}

async fn import_sales(settings: &Settings, args: &ImportSalesArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.file).with_context(|| format!("opening {}", args.file.display()))?;
    let tx = open_tenant(settings, &args.tenant).await?;
    let pb = bar(0, "importing");
    let progress = |done: u64, total: u64| {
        pb.set_length(total);
        pb.set_position(done);
    };
    let today = chrono::Utc::now().date_naive();
    let outcome = import_csv(&tx, std::io::BufReader::new(file), today, &progress).await;
    pb.finish_and_clear();
    match outcome {
        Ok(summary) => {
            tx.commit().await.context("committing the import")?;
            println!(
                "imported {} rows into `{}`: {} inserted, {} updated, {} unchanged",
                summary.rows, args.tenant, summary.inserted, summary.updated, summary.unchanged
            );
            if let Some(path) = &args.report {
                write_json(path, &serde_json::json!({"status": "imported", "summary": summary}))?;
            }
            Ok(())
        }
        Err(ImportError::Rejected(report)) => {
            tx.rollback().await.ok();
            eprintln!("{:>6}  {:<18} {:<14} rule", "row", "field", "value");
            for v in &report.violations {
                let row = v.row.map_or_else(|| "header".to_owned(), |r| r.to_string());
                eprintln!("{row:>6}  {:<18} {:<14} {}", v.field, format!("`{}`", v.value), v.rule);
            }
            if let Some(path) = &args.report {
                write_json(path, &serde_json::json!({"status": "rejected", "report": report}))?;
            }
            bail!(
                "{}: {} problem(s) in {} row(s); nothing was imported",
                args.file.display(),
                report.violations.len(),
                report.rows
            )
        }
        Err(e @ ImportError::Db(_)) => Err(e.into()),
    }
}

async fn value(settings: &Settings, args: &ValueArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.subject).with_context(|| format!("reading {}", args.subject.display()))?;
    let subject: Subject =
        serde_json::from_str(&text).with_context(|| format!("{}: not a subject", args.subject.display()))?;
    let as_of = args.as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let tx = open_tenant(settings, &args.tenant).await?;
    let valued = CompService::default().value(&tx, subject, as_of).await;
    tx.rollback().await.ok();
    let v = valued.map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let out = serde_json::json!({"tenant": args.tenant, "as_of": v.as_of, "valuation": v.valuation});
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
