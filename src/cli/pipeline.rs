//! The property pipeline on the command line: `reos import properties FILE --tenant --source` and
//! `reos bench pipeline --rows N` (`cli/mod.rs` routes the subcommands here).
use super::common::{bar, open_tenant, tenant_by_slug, write_json};
use crate::config::Settings;
use crate::persistence::{Database, TenantId};
use crate::pipeline::{ChildKind, HazardPoint, HazardTable, PipelineSettings};
use crate::services::comps::CompService;
use crate::services::hazards;
use crate::services::property_import::{
    Companion, Format, ImportOptions, ImportReport, PipelineConfig, Target, import,
};
use anyhow::{Context, bail};
use clap::Args;
use std::path::{Path, PathBuf};

mod bench;
pub use bench::{BenchPipelineArgs, run as bench_pipeline};

#[derive(Args)]
pub struct ImportPropertiesArgs {
    /// The property file (`.csv` or `.jsonl`; format in docs/pipeline.md).
    pub file: PathBuf,
    /// Tenant slug.
    #[arg(long)]
    pub tenant: String,
    /// Source name recorded in provenance (trust reliability is looked up by it).
    #[arg(long)]
    pub source: String,
    /// Hazard table CSV (`lat,lon,flood,wildfire,heat`) for rows without their own scores, instead
    /// of the tenant's stored one (`reos import hazards`).
    #[arg(long)]
    pub hazards: Option<PathBuf>,
    /// Leases CSV linked by `property_external_id` (docs/pipeline.md).
    #[arg(long)]
    pub leases: Option<PathBuf>,
    /// Unit mix CSV linked by `property_external_id`.
    #[arg(long)]
    pub unit_mix: Option<PathBuf>,
    /// Pipeline settings TOML (hazard weights, trust, lookup radius, DCF defaults); default
    /// `[pipeline] settings` of the configuration, else ops/pipeline/pipeline.toml.
    #[arg(long)]
    pub settings: Option<PathBuf>,
    /// Skip the Comp-Critic valuations.
    #[arg(long)]
    pub no_score: bool,
    /// Actor recorded in provenance and on the run.
    #[arg(long, default_value = "cli")]
    pub actor: String,
    /// Also write the run report (counts, merges, rejections, gate results) to this JSON file.
    #[arg(long)]
    pub report: Option<PathBuf>,
}

/// Reads a hazard table CSV with columns `lat, lon, flood, wildfire, heat`.
pub fn read_hazard_points(path: &Path) -> anyhow::Result<Vec<HazardPoint>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    hazards::read_csv(file)
        .map_err(|e| anyhow::Error::new(e.source).context(format!("{}: row {}", path.display(), e.row)))
}

#[derive(Args)]
pub struct ImportHazardsArgs {
    /// Hazard table CSV with columns `lat, lon, flood, wildfire, heat` (scores 0–1).
    pub file: PathBuf,
    /// Tenant slug.
    #[arg(long)]
    pub tenant: String,
    /// Delete the tenant's stored points first (otherwise the file's points are added).
    #[arg(long)]
    pub replace: bool,
}

/// `reos import hazards`: checks every point, then stores them in one transaction.
pub async fn import_hazards(settings: &Settings, args: &ImportHazardsArgs) -> anyhow::Result<()> {
    let points = read_hazard_points(&args.file)?;
    // Every point is checked before the database is opened (`hazard_table[i].field` names a bad one).
    let radius = PipelineConfig::load(&settings.pipeline)?.settings.hazard_radius_m;
    let points = hazards::check(points, radius).with_context(|| args.file.display().to_string())?;
    let tx = open_tenant(settings, &args.tenant).await?;
    let source = args.file.display().to_string();
    let deleted = hazards::store(&tx, &points, &source, args.replace).await?;
    tx.commit().await?;
    println!(
        "{} hazard points stored for {} ({} replaced)",
        points.len(),
        args.tenant,
        deleted
    );
    Ok(())
}

fn summary(r: &ImportReport) -> String {
    let c = &r.counts;
    format!(
        "{} rows read: {} new, {} merged ({} stored properties updated), {} rejected, {} warnings; \
         {} hazards, {} provenance rows, {} owners, {} ownerships, {} leases, {} unit types, {} valuations, \
         {} DCF valuations (run {})",
        c.read,
        c.written,
        c.merged,
        c.updated,
        c.rejected,
        c.warnings,
        c.hazards,
        c.provenance,
        c.owners,
        c.ownerships,
        c.leases,
        c.unit_types,
        c.valuations,
        c.dcf_valuations,
        r.run_id
    )
}

pub async fn import_properties(settings: &Settings, args: &ImportPropertiesArgs) -> anyhow::Result<()> {
    let name = args.file.display().to_string();
    let format = Format::from_name(&name).with_context(|| format!("{name}: expected a .csv or .jsonl file"))?;
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {name}"))?;
    let config = PipelineConfig::load(&settings.pipeline)?;
    let mut opts = ImportOptions::with_config(&name, format, &args.source, &args.actor, &config);
    opts.graph_outbox = crate::graph::Neo4jSettings::from_settings(settings).is_some();
    for (kind, path) in [(ChildKind::Lease, &args.leases), (ChildKind::UnitMix, &args.unit_mix)] {
        if let Some(path) = path {
            opts.companions.push(Companion {
                kind,
                file_name: path.display().to_string(),
                bytes: std::fs::read(path)
                    .with_context(|| format!("reading {}", path.display()))?
                    .into(),
            });
        }
    }
    if let Some(path) = &args.settings {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        opts.settings = PipelineSettings::from_toml(&text)?;
    }
    if let Some(path) = &args.hazards {
        opts.hazard_table = Some(HazardTable::new(
            read_hazard_points(path)?,
            opts.settings.hazard_radius_m,
        )?);
    }
    let db = Database::connect(settings).await?;
    let tenant = tenant_by_slug(&db, &args.tenant).await?;
    let pb = bar(0, "importing");
    let progress = |done: u64, total: u64| {
        pb.set_length(total);
        pb.set_position(done);
    };
    let comps = CompService::default();
    let target = Target::Db(&db.service, TenantId::from_row(&tenant));
    // SIGINT/SIGTERM: no new batch, the ones in flight end, the run is recorded `interrupted`.
    crate::services::cancel::cancel_on_signals(opts.cancel.clone());
    let report = import(target, &bytes, &opts, (!args.no_score).then_some(&comps), &progress).await;
    pb.finish_and_clear();
    let report = report?;
    if let Some(path) = &args.report {
        write_json(path, &serde_json::to_value(&report)?)?;
    }
    if report.blocked() {
        eprintln!("{:>6}  {:<18} {:<14} expectation", "row", "field", "value");
        for f in report
            .gates
            .failures
            .iter()
            .filter(|f| f.severity == crate::pipeline::Severity::Blocking)
        {
            eprintln!(
                "{:>6}  {:<18} {:<14} {}",
                f.row,
                f.field,
                format!("`{}`", f.value),
                f.expectation
            );
        }
        bail!(
            "{name}: a blocking quality gate failed; nothing was imported (run {})",
            report.run_id
        );
    }
    println!("{}", summary(&report));
    for (reason, n) in &report.scoring_notes {
        println!("  note: {reason}: {n}");
    }
    if report.interrupted() {
        bail!(
            "{name}: interrupted; the run is recorded as `interrupted` with the batches committed before \
             the signal ({} new, {} merged of {} rows); import the file again to complete it (run {})",
            report.counts.written,
            report.counts.merged,
            report.counts.read,
            report.run_id
        );
    }
    Ok(())
}
