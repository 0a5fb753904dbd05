//! `reos bench rent-roll [FILE] [--runs N] [--out R.json]`: times the preview of a large rent roll
//! (default the 5,000-unit XLSX of the corpus) and of its twin in the other format (`.csv` ↔
//! `.xlsx`, when there is one): the median of N runs after a warm-up. Target ≤ 1 s. No database.
use super::super::common::write_json;
use super::offline::read;
use crate::services::rent_roll::Options;
use anyhow::bail;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The target for a 5,000-row roll (issue #14).
const TARGET_MS: f64 = 1000.0;

#[derive(Args)]
pub struct BenchRentRollArgs {
    /// The roll to preview.
    #[arg(default_value = "golden/rent-roll/bench/multifamily-5000.xlsx")]
    pub file: PathBuf,
    #[arg(long, default_value_t = 10)]
    pub runs: usize,
    #[arg(long, default_value = "artifacts/bench/rent-roll.json")]
    pub out: PathBuf,
}

/// The same roll in the other format, if it exists.
fn twin(file: &Path) -> Option<PathBuf> {
    let ext = file.extension()?.to_string_lossy().to_lowercase();
    let other = match ext.as_str() {
        "xlsx" | "xls" | "xlsm" => "csv",
        "csv" => "xlsx",
        _ => return None,
    };
    Some(file.with_extension(other)).filter(|p| p.is_file())
}

/// Times `runs` previews of `file` after one warm-up.
fn time(file: &Path, runs: usize, opts: &Options) -> anyhow::Result<serde_json::Value> {
    let bytes = std::fs::metadata(file)?.len();
    let first = read(file, opts)?;
    if first.blocked() {
        bail!(
            "{}: the roll has blocking problems: {}",
            file.display(),
            first.blocking_lines().join("; ")
        );
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let p = read(file, opts)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(p);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    Ok(serde_json::json!({
        "file": file.display().to_string(),
        "format": first.format.as_str(),
        "bytes": bytes,
        "rows": first.summary.data_rows,
        "kept": first.summary.kept,
        "runs": times.len(),
        "median_ms": median,
        "min_ms": times[0],
        "max_ms": times[times.len() - 1],
        "meets_target": median <= TARGET_MS,
    }))
}

pub fn bench(args: &BenchRentRollArgs) -> anyhow::Result<()> {
    let opts = Options::new(chrono::Utc::now().date_naive());
    let mut files = vec![time(&args.file, args.runs, &opts)?];
    if let Some(other) = twin(&args.file) {
        files.push(time(&other, args.runs, &opts)?);
    }
    let value = serde_json::json!({
        "what": "rent-roll preview (read the file, find the header, map the columns, classify and parse every row, metrics), median of N runs after a warm-up; the file read from disk each run",
        "median_ms": files[0]["median_ms"],
        "target_ms": TARGET_MS,
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "files": files,
    });
    println!("{}", serde_json::to_string_pretty(&value)?);
    write_json(&args.out, &value)
}
