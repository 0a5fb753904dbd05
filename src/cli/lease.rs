//! Lease abstraction on the command line (docs/lease.md), no database: `reos lease extract FILE
//! [--json]` prints one lease's abstract, `reos lease eval DIR` scores the extractor on a corpus
//! with its truth files, `reos bench lease` times the extraction of a long PDF.
use super::common::write_json;
use crate::analytics::lease::{self, FieldName, LeaseAbstract, eval};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Subcommand)]
pub enum LeaseCommand {
    /// Abstract one lease (PDF with a text layer, DOCX or plain text): every term with its value,
    /// confidence and citation, and the rent schedule. `--json` prints exactly one JSON object.
    Extract(ExtractArgs),
    /// Score the extractor on a corpus: every document beside a `<name>.truth.json`; writes the
    /// per-field report (JSON) and fails when a target is missed.
    Eval(EvalArgs),
}

#[derive(Args)]
pub struct ExtractArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
    /// Print the text read from the document instead, page by page (what citations point into).
    #[arg(long, conflicts_with = "json")]
    pub text: bool,
}

#[derive(Args)]
pub struct EvalArgs {
    /// Directory of documents and their truth files.
    pub dir: PathBuf,
    /// Where the JSON report goes.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Fail below this share of stated values read exactly.
    #[arg(long, default_value_t = 0.97)]
    pub min_exact: f64,
}

#[derive(Args)]
pub struct BenchLeaseArgs {
    /// The document to extract.
    #[arg(default_value = "golden/lease/bench/lease-20-pages.pdf")]
    pub file: PathBuf,
    #[arg(long, default_value_t = 30)]
    pub runs: usize,
    #[arg(long, default_value = "artifacts/bench/lease.json")]
    pub out: PathBuf,
}

pub fn run(cmd: &LeaseCommand) -> anyhow::Result<()> {
    match cmd {
        LeaseCommand::Extract(args) => extract(args),
        LeaseCommand::Eval(args) => evaluate(args),
    }
}

fn read_abstract(path: &Path) -> anyhow::Result<LeaseAbstract> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    lease::extract_bytes(&bytes).map_err(|e| anyhow::anyhow!("{}: {e} ({})", path.display(), e.code()))
}

fn extract(args: &ExtractArgs) -> anyhow::Result<()> {
    if args.text {
        let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
        let doc =
            lease::text::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e} ({})", args.file.display(), e.code()))?;
        for (i, page) in doc.pages.iter().enumerate() {
            println!("--- page {} ---\n{page}", i + 1);
        }
        return Ok(());
    }
    let abs = read_abstract(&args.file)?;
    if args.json {
        println!("{}", serde_json::to_string(&abs)?);
        return Ok(());
    }
    println!(
        "{} lease: {}",
        serde_json::to_value(abs.kind)?.as_str().unwrap_or(""),
        args.file.display()
    );
    for (name, field) in &abs.fields {
        match field {
            Some(f) => println!(
                "  {:<22} {:<36} {:>4.2}  p.{} \"{}\"",
                name.as_str(),
                f.value.to_json().to_string().trim_matches('"'),
                f.confidence,
                f.citation.page,
                shorten(&f.citation.text, 60)
            ),
            None => println!("  {:<22} —", name.as_str()),
        }
    }
    for c in &abs.clauses {
        println!(
            "  {:<22} {:>4.2}  p.{} \"{}\"",
            c.topic.as_str(),
            c.confidence,
            c.citation.page,
            shorten(&c.citation.text, 100)
        );
    }
    if !abs.rent_schedule.is_empty() {
        println!("  rent schedule:");
        for p in &abs.rent_schedule {
            let psf = p.psf_annual.map_or(String::new(), |x| format!("  ${x:.2}/sf/yr"));
            println!(
                "    {} – {}  ${:>12.2}/mo  ${:>13.2}/yr{psf}",
                p.start, p.end, p.monthly, p.annual
            );
        }
    }
    Ok(())
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn evaluate(args: &EvalArgs) -> anyhow::Result<()> {
    let mut report = eval::Report::default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .with_context(|| format!("reading {}", args.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf" || x == "docx" || x == "txt"))
        .collect();
    files.sort();
    let started = Instant::now();
    for path in &files {
        let truth_path = path.with_extension("truth.json");
        let truth: serde_json::Value = serde_json::from_slice(
            &std::fs::read(&truth_path).with_context(|| format!("reading {}", truth_path.display()))?,
        )
        .with_context(|| format!("parsing {}", truth_path.display()))?;
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let bytes = std::fs::read(path)?;
        let extracted = lease::extract_bytes(&bytes);
        if truth.get("scan").and_then(serde_json::Value::as_bool) == Some(true) {
            if !matches!(extracted, Err(lease::TextError::Scan { .. })) {
                bail!("{name}: a scan without text must be refused as one");
            }
            continue;
        }
        let abs = extracted.map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        report.add(&name, &abs, &truth);
    }
    let elapsed = started.elapsed();
    println!(
        "{:<22} {:>7} {:>6} {:>6} {:>6} {:>8} {:>9} {:>7}",
        "field", "present", "exact", "missed", "wrong", "spurious", "confident", "exact%"
    );
    for name in FieldName::ALL {
        let t = report.fields.get(name.as_str()).cloned().unwrap_or_default();
        let pct = if t.present == 0 {
            100.0
        } else {
            100.0 * t.exact as f64 / t.present as f64
        };
        println!(
            "{:<22} {:>7} {:>6} {:>6} {:>6} {:>8} {:>9} {:>6.1}%",
            name.as_str(),
            t.present,
            t.exact,
            t.missed,
            t.wrong,
            t.spurious,
            t.confident_errors,
            pct
        );
    }
    let exact = report.exact_rate();
    println!(
        "{} documents in {:.2} s: {:.2}% of stated values exact, {} confident errors, rent schedules {}/{}, kind {}/{}",
        report.documents,
        elapsed.as_secs_f64(),
        100.0 * exact,
        report.confident_errors(),
        report.schedules_exact,
        report.schedules,
        report.kinds_right,
        report.documents
    );
    if let Some(path) = &args.report {
        let mut value = serde_json::to_value(&report)?;
        if let Some(o) = value.as_object_mut() {
            o.insert("exact_rate".into(), exact.into());
            o.insert("confident_errors_total".into(), report.confident_errors().into());
            o.insert(
                "targets".into(),
                serde_json::json!({"exact_rate": args.min_exact, "confident_errors": 0}),
            );
        }
        write_json(path, &value)?;
    }
    if exact < args.min_exact || report.confident_errors() > 0 {
        bail!(
            "targets missed: {:.2}% exact (target {:.0}%), {} confident errors (target 0)",
            100.0 * exact,
            100.0 * args.min_exact,
            report.confident_errors()
        );
    }
    Ok(())
}

/// Times the extraction of one document (`runs` times after one warm-up) and writes the median.
pub fn bench(args: &BenchLeaseArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let doc = lease::text::read(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
    lease::extract_bytes(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut times = Vec::with_capacity(args.runs);
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        let abs = lease::extract_bytes(&bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(abs);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let value = serde_json::json!({
        "what": "lease PDF extraction: text layer, clauses, every field, rent schedule",
        "file": args.file.display().to_string(),
        "bytes": bytes.len(),
        "pages": doc.pages.len(),
        "runs": times.len(),
        "median_ms": median,
        "min_ms": times[0],
        "max_ms": times[times.len() - 1],
        "target_ms": 200,
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
    });
    println!("{}", serde_json::to_string_pretty(&value)?);
    write_json(&args.out, &value)
}
