//! Comp-Critic on the command line: `reos import sales`, `reos value`, `reos backtest` and
//! `reos bench comps` (`cli/mod.rs` routes the subcommands here).
pub(super) mod backtest;
pub(super) mod bench;
pub(super) mod rolling;

use super::common::{bar, open_tenant, parse_date, refused, write_json};
use crate::analytics::comps::Subject;
use crate::config::Settings;
use crate::services::comps::CompService;
use crate::services::sales_import::{ImportError, import_csv};
use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;

pub use backtest::BacktestArgs;
pub use bench::BenchCompsArgs;

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

pub async fn import_sales(settings: &Settings, args: &ImportSalesArgs) -> anyhow::Result<()> {
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
            Err(refused(
                &args.file,
                &report.violations,
                report.rows,
                &report,
                args.report.as_deref(),
            ))
        }
        Err(e @ ImportError::Db(_)) => Err(e.into()),
    }
}

pub async fn value(settings: &Settings, args: &ValueArgs) -> anyhow::Result<()> {
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
