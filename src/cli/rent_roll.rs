//! `reos import rent-roll FILE --tenant SLUG --property ID [--dry-run] [--report R.json]
//! [--as-of DATE] [--sheet NAME] [--market-rent-psf X]` (docs/rent-roll.md): previews a seller's
//! rent roll (mapping, kept and skipped rows, problems, metrics) and, unless `--dry-run` or a
//! blocking problem, writes it into the property. The report is the preview as JSON, with or
//! without `--dry-run`. The offline commands (`reos rent-roll preview|eval`, `reos bench
//! rent-roll`) are in `offline` and `bench`.
mod bench;
mod offline;
mod print;

pub use bench::{BenchRentRollArgs, bench};
pub use offline::{RentRollCommand, run};

use super::common::{open_tenant, parse_date, write_json};
use crate::config::Settings;
use crate::services::caller::Caller;
use crate::services::rent_roll::{self, Options, Preview, RentRollError, RentRollFile, Written};
use anyhow::{Context, anyhow};
use chrono::NaiveDate;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ImportRentRollArgs {
    /// The rent roll: `.csv`, `.xlsx` or `.xls`.
    pub file: PathBuf,
    #[arg(long)]
    pub tenant: String,
    /// The property the leases (commercial) or unit mix (multifamily) belong to.
    #[arg(long)]
    pub property: String,
    /// Preview only: print and report, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also write the preview (and what was written) to this JSON file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// The date WALE and the expiry ladder count from (default today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The worksheet of a workbook (default: the first non-empty one).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Market rent per sf per year of a commercial roll's spaces, for mark-to-market and the
    /// economic occupancy (a `Market Rent PSF` column wins).
    #[arg(long)]
    pub market_rent_psf: Option<f64>,
    /// Actor recorded in provenance and the audit log.
    #[arg(long, default_value = "cli")]
    pub actor: String,
}

/// The report: the preview's keys, then `status` and `written`.
fn report_json(p: &Preview, status: &str, written: Option<&Written>) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(p)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("status".into(), serde_json::json!(status));
        o.insert("written".into(), serde_json::to_value(written)?);
    }
    Ok(v)
}

/// Writes the report to `path`, if given.
fn report(path: Option<&Path>, p: &Preview, status: &str, written: Option<&Written>) -> anyhow::Result<()> {
    let Some(path) = path else { return Ok(()) };
    write_json(path, &report_json(p, status, written)?)
}

fn rejected(file: &Path, p: &Preview) -> anyhow::Error {
    let lines = p.blocking_lines();
    anyhow!(
        "{}: {} blocking problem(s); nothing was imported:\n  {}",
        file.display(),
        lines.len(),
        lines.join("\n  ")
    )
}

pub async fn import(settings: &Settings, args: &ImportRentRollArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let name = args
        .file
        .file_name()
        .map_or_else(|| args.file.to_string_lossy(), |n| n.to_string_lossy())
        .into_owned();
    let file = RentRollFile {
        name: &name,
        bytes: &bytes,
    };
    let opts = Options {
        as_of: args.as_of.unwrap_or_else(|| chrono::Utc::now().date_naive()),
        sheet: args.sheet.clone(),
        market_rent_psf: args.market_rent_psf,
        mapping: Vec::new(),
    };
    let tx = open_tenant(settings, &args.tenant).await?;
    if args.dry_run {
        let outcome = rent_roll::preview_for(&tx, &args.property, file, &opts).await;
        tx.rollback().await.ok();
        let p = outcome.map_err(|e| anyhow!("--property: {}", e.message()))?;
        print::preview(&p);
        let status = if p.blocked() { "rejected" } else { "dry_run" };
        report(args.report.as_deref(), &p, status, None)?;
        if p.blocked() {
            return Err(rejected(&args.file, &p));
        }
        println!("dry run: nothing was written");
        return Ok(());
    }
    let caller = Caller {
        tx: &tx,
        actor: &args.actor,
        request_id: None,
        mirror_graph: crate::graph::Neo4jSettings::from_settings(settings).is_some(),
        events: None,
    };
    match rent_roll::import(&caller, &args.property, file, &opts).await {
        Ok(done) => {
            tx.commit().await.context("committing the import")?;
            print::preview(&done.preview);
            print::written(&done.written);
            report(args.report.as_deref(), &done.preview, "imported", Some(&done.written))
        }
        Err(RentRollError::Rejected(p)) => {
            tx.rollback().await.ok();
            print::preview(&p);
            report(args.report.as_deref(), &p, "rejected", None)?;
            Err(rejected(&args.file, &p))
        }
        Err(RentRollError::Api(e)) => {
            tx.rollback().await.ok();
            Err(anyhow!("{} ({})", e.message(), e.code()))
        }
    }
}
