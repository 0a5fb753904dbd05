//! `reos rent-roll preview FILE` and `reos rent-roll eval DIR…` (docs/rent-roll.md), no database
//! and no settings: the preview of one roll (printed, or `--json` the report), and the reader
//! scored against a corpus's truth files (every row and amount; exit 1 unless all match).
use super::super::common::{parse_date, write_json};
use super::print;
use crate::analytics::rent_roll::eval::{self, Report};
use crate::services::rent_roll::{self, Options, Preview, RentRollFile};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum RentRollCommand {
    /// Preview one rent roll (CSV, XLSX, XLS): the header, each column's mapping and why, every
    /// row kept or skipped and why, the problems and the metrics; `--json` prints the report.
    /// A blocking problem exits 1.
    Preview(PreviewArgs),
    /// Score the reader on corpora: every roll in each DIR beside its `<name>.truth.json` (a CSV
    /// and an XLSX twin may share one); exit 1 unless every row and amount matches.
    Eval(EvalArgs),
}

#[derive(Args)]
pub struct PreviewArgs {
    /// The rent roll: `.csv`, `.xlsx` or `.xls`.
    pub file: PathBuf,
    /// The worksheet of a workbook (default: the first non-empty one).
    #[arg(long)]
    pub sheet: Option<String>,
    /// The date WALE and the expiry ladder count from (default today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Market rent per sf per year of a commercial roll's spaces (a `Market Rent PSF` column wins).
    #[arg(long)]
    pub market_rent_psf: Option<f64>,
    /// Print the report (the preview as JSON with `status` and `written`, as `reos import
    /// rent-roll --dry-run --report` writes it) on one line instead.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct EvalArgs {
    /// Directories of rolls and their truth files.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Where the JSON report goes.
    #[arg(long)]
    pub report: Option<PathBuf>,
}

pub fn run(cmd: &RentRollCommand) -> anyhow::Result<()> {
    match cmd {
        RentRollCommand::Preview(args) => preview(args),
        RentRollCommand::Eval(args) => evaluate(args),
    }
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The preview of the file at `path`.
pub(super) fn read(path: &Path, opts: &Options) -> anyhow::Result<Preview> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path
        .file_name()
        .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy())
        .into_owned();
    Ok(rent_roll::preview(
        RentRollFile {
            name: &name,
            bytes: &bytes,
        },
        opts,
    ))
}

fn preview(args: &PreviewArgs) -> anyhow::Result<()> {
    let opts = Options {
        as_of: args.as_of.unwrap_or_else(today),
        sheet: args.sheet.clone(),
        market_rent_psf: args.market_rent_psf,
        mapping: Vec::new(),
    };
    let p = read(&args.file, &opts)?;
    if args.json {
        let status = if p.blocked() { "rejected" } else { "dry_run" };
        println!("{}", serde_json::to_string(&super::report_json(&p, status, None)?)?);
    } else {
        print::preview(&p);
    }
    if p.blocked() {
        return Err(super::rejected(&args.file, &p));
    }
    Ok(())
}

/// Whether `path` is a roll the reader takes (by extension).
fn is_roll(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    !name.ends_with(".truth.json")
        && ["csv", "tsv", "txt", "xlsx", "xlsm", "xls"]
            .iter()
            .any(|x| name.ends_with(&format!(".{x}")))
}

/// The rolls of `dir` with their truth paths, sorted; a roll without a truth, or a truth without
/// a roll, is refused.
fn corpus(dir: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let truth_of = |p: &Path| p.with_extension("truth.json");
    let rolls: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .filter(|p| is_roll(p))
        .map(|p| (p.clone(), truth_of(p)))
        .collect();
    for (roll, truth) in &rolls {
        if !truth.is_file() {
            bail!("{}: no truth file {}", roll.display(), truth.display());
        }
    }
    for t in files.iter().filter(|p| p.to_string_lossy().ends_with(".truth.json")) {
        if !rolls.iter().any(|(_, truth)| truth == t) {
            bail!("{}: a truth file without its roll", t.display());
        }
    }
    if rolls.is_empty() {
        bail!("{}: no rent roll (.csv, .xlsx, .xls) in it", dir.display());
    }
    Ok(rolls)
}

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!("{:.2}%", 100.0 * n as f64 / of as f64)
    }
}

fn evaluate(args: &EvalArgs) -> anyhow::Result<()> {
    let opts = Options::new(today());
    let mut report = Report::default();
    println!(
        "{:<40} {:<11} {:>11} {:>8} {:>13} {:>8} {:>6}",
        "roll", "kind", "rows", "rows%", "amounts", "amts%", "misses"
    );
    for dir in &args.dirs {
        for (roll, truth_path) in corpus(dir)? {
            let truth: serde_json::Value = serde_json::from_slice(
                &std::fs::read(&truth_path).with_context(|| format!("reading {}", truth_path.display()))?,
            )
            .with_context(|| format!("parsing {}", truth_path.display()))?;
            let p = read(&roll, &opts)?;
            let s = eval::score(&roll.display().to_string(), &p, &truth);
            println!(
                "{:<40} {:<11} {:>11} {:>8} {:>13} {:>8} {:>6}",
                roll.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                truth["kind"].as_str().unwrap_or("?"),
                format!("{}/{}", s.rows_matched, s.rows),
                pct(s.rows_matched, s.rows),
                format!("{}/{}", s.amounts_matched, s.amounts),
                pct(s.amounts_matched, s.amounts),
                s.mismatches
            );
            for m in s.listed.iter().take(10) {
                println!(
                    "    row {}: {} expected {} got {}",
                    m.row.map_or_else(|| "-".into(), |r| r.to_string()),
                    m.key,
                    m.expected,
                    m.got
                );
            }
            report.files.push(s);
        }
    }
    let t = report.totals();
    println!(
        "{} rolls ({} exact): rows {}/{} ({}), amounts {}/{} ({}), values {}/{} ({}), checks {}/{}, extra rows {}",
        t.files,
        t.files_perfect,
        t.rows_matched,
        t.rows,
        pct(t.rows_matched, t.rows),
        t.amounts_matched,
        t.amounts,
        pct(t.amounts_matched, t.amounts),
        t.values_matched,
        t.values,
        pct(t.values_matched, t.values),
        t.checks_matched,
        t.checks,
        t.extra_rows
    );
    if let Some(path) = &args.report {
        let value = serde_json::json!({
            "what": "rent-roll reader against the corpus truth: row numbers, kept/skipped and reason, every value (amounts to the cent)",
            "dirs": args.dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>(),
            "totals": t,
            "targets": {"row_accuracy": 1.0, "amount_accuracy": 1.0},
            "passed": report.passed(),
            "files": report.files,
        });
        write_json(path, &value)?;
    }
    if !report.passed() {
        bail!(
            "targets missed: rows {}, amounts {} (target 100% of both, every header and kind right)",
            pct(t.rows_matched, t.rows),
            pct(t.amounts_matched, t.amounts)
        );
    }
    Ok(())
}
