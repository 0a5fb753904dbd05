//! `reos bench pipeline`: imports N generated properties into a fresh tenant of the configured
//! database (parse → gates → normalize → merge → hazards → provenance → owners, no scoring) and
//! writes the throughput to JSON.
use crate::cli_comps::write_json;
use crate::config::Settings;
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId};
use crate::services::property_import::{Format, ImportOptions, Target, import};
use clap::Args;
use std::fmt::Write as _;
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

const STREETS: [&str; 10] = [
    "Maple", "Oak", "Lincoln", "Grand", "Duff", "Elm", "Cedar", "Ridge", "Park", "Lake",
];
const SUFFIXES: [&str; 5] = ["Street", "Avenue", "Drive", "Boulevard", "Court"];

/// A property CSV of `n` distinct addresses; every fourth row names an LLC owner.
pub fn generate_csv(n: usize) -> String {
    let mut s = String::from(
        "external_id,address,city,state,zip,latitude,longitude,property_type,living_area_sf,lot_area_sf,\
         year_built,bedrooms,full_baths,condition_score,flood_score,wildfire_score,heat_score,list_price,\
         owner_name,owner_type\n",
    );
    for i in 0..n {
        let f = (i % 97) as f64 / 100.0;
        let owner = if i % 4 == 0 {
            format!("Bench Holdings {} LLC,llc", i % 500)
        } else {
            ",".to_owned()
        };
        let _ = writeln!(
            s,
            "B-{i},{} {} {},Ames,IA,5001{},{:.5},{:.5},single_family,{},{},{},{},{},{},{f:.2},{:.2},{:.2},{},{owner}",
            100 + i,
            STREETS[i % STREETS.len()],
            SUFFIXES[(i / STREETS.len()) % SUFFIXES.len()],
            i % 3,
            42.0 + (i % 1000) as f64 * 1e-4,
            -93.6 - (i / 1000) as f64 * 1e-4,
            900 + i % 2000,
            5000 + i % 9000,
            1950 + i % 70,
            1 + i % 5,
            1 + i % 3,
            1 + i % 10,
            1.0 - f,
            (i % 50) as f64 / 100.0,
            150_000 + (i % 400) * 1000,
        );
    }
    s
}

pub async fn run(settings: &Settings, args: &BenchPipelineArgs) -> anyhow::Result<()> {
    let db = Database::connect(settings).await?;
    db.migrate().await?;
    let slug = format!("bench-pipeline-{}", chrono::Utc::now().format("%Y%m%d%H%M%S"));
    let tenant = tenants::create(&db.owner, &slug, "pipeline benchmark").await?;
    let csv = generate_csv(args.rows);
    let mut opts = ImportOptions::new("bench.csv", Format::Csv, "import", "bench")?;
    opts.batch_rows = args.batch;
    let t = Instant::now();
    let report = import(
        Target::Db(&db.service, TenantId(tenant.id)),
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
