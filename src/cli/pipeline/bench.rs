//! `reos bench pipeline`: imports N generated properties into a fresh tenant of the configured
//! database (parse → gates → normalize → merge → hazards → provenance → owners, no scoring) and
//! writes the throughput to JSON.
use crate::cli::common::write_json;
use crate::config::Settings;
use crate::persistence::{Database, TenantId};
use crate::pipeline::synthetic::generate_csv;
use crate::services::property_import::{Format, ImportOptions, Target, import};
use crate::services::tenants;
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct BenchPipelineArgs {
    #[arg(long, default_value_t = 50_000)]
    pub rows: usize,
    /// Rows per transaction.
    #[arg(long, default_value_t = crate::services::property_import::BATCH_ROWS)]
    pub batch: usize,
    #[arg(long, default_value = "artifacts/bench/pipeline.json")]
    pub out: PathBuf,
}

pub async fn run(settings: &Settings, args: &BenchPipelineArgs) -> anyhow::Result<()> {
    let db = Database::connect(settings).await?;
    db.migrate().await?;
    let slug = format!("bench-pipeline-{}", chrono::Utc::now().format("%Y%m%d%H%M%S"));
    let tenant = tenants::create(&db, &slug, "pipeline benchmark").await?;
    let csv = generate_csv(args.rows);
    let mut opts = ImportOptions::new("bench.csv", Format::Csv, "import", "bench")?;
    opts.batch_rows = args.batch;
    let t = Instant::now();
    let report = import(
        Target::Db(&db.service, TenantId::from_row(&tenant)),
        csv.as_bytes(),
        &opts,
        None,
        &|_, _| {},
    )
    .await?;
    let secs = t.elapsed().as_secs_f64();
    let per_s = report.counts.written as f64 / secs;
    let out = serde_json::json!({
        "rows": args.rows,
        "batch_rows": args.batch,
        "backend": format!("{:?}", db.backend()),
        "tenant": slug,
        "seconds": secs,
        "properties_per_s": per_s,
        "target_properties_per_s": 5000,
        "counts": report.counts,
        "timings_ms": report.timings,
        "timings_note": "write.* stages add up every batch's time; on PostgreSQL two batches are written at once, so they exceed the wall time",
        "machine_cores": std::thread::available_parallelism().map_or(0, usize::from),
        "scoring": "off",
        "outcome": report.outcome,
    });
    write_json(&args.out, &out)?;
    println!(
        "{} properties in {secs:.2}s: {per_s:.0}/s (written to {})",
        report.counts.written,
        args.out.display()
    );
    Ok(())
}
