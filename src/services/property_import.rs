//! The property pipeline end to end (docs/pipeline.md): parse → gates (a blocking failure writes
//! nothing) → normalize and de-duplicate by address hash → merge with provenance → hazards →
//! owners → Comp-Critic scoring → the run's lineage row. One transaction per batch of rows.
mod bulk;
mod hazards;
mod lineage;
pub mod map;
mod owners;
mod score;
mod write;

use crate::persistence::{TenantId, TenantTx};
use crate::pipeline::{
    FileError, GateConfig, GateError, GateReport, HazardError, HazardTable, PipelineSettings, ProvenanceError,
    RowError, evaluate_properties, group_by_address, normalize_rows, parse_csv, parse_jsonl,
};
use crate::services::comps::CompService;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;
use uuid::Uuid;

pub use lineage::{Counts, MergeNote};

/// Rows written per transaction.
pub const BATCH_ROWS: usize = 1000;

/// Input file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    Csv,
    Jsonl,
}

impl Format {
    /// From a file name's extension (`.csv`, `.jsonl`, `.ndjson`).
    pub fn from_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(Format::Csv)
        } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            Some(Format::Jsonl)
        } else {
            None
        }
    }
}

/// How to run one import.
pub struct ImportOptions {
    pub file_name: String,
    pub format: Format,
    /// Source name (trust reliability is looked up by it).
    pub source: String,
    pub actor: String,
    pub today: NaiveDate,
    pub settings: PipelineSettings,
    pub gates: GateConfig,
    /// The tenant's hazard table, for rows without their own scores.
    pub hazard_table: Option<HazardTable>,
    /// Confidence recorded with imported values, in [0, 1].
    pub confidence: f64,
    pub batch_rows: usize,
    /// The run's id when the caller chose it (so it can watch `importProgress`); else a new UUIDv7.
    pub run_id: Option<Uuid>,
}

impl ImportOptions {
    /// The shipped gates and settings, batches of [`BATCH_ROWS`].
    pub fn new(file_name: &str, format: Format, source: &str, actor: &str) -> Result<Self, PipelineError> {
        Ok(Self {
            file_name: file_name.to_owned(),
            format,
            source: source.to_owned(),
            actor: actor.to_owned(),
            today: Utc::now().date_naive(),
            settings: PipelineSettings::default(),
            gates: GateConfig::builtin()?,
            hazard_table: None,
            confidence: 0.8,
            batch_rows: BATCH_ROWS,
            run_id: None,
        })
    }
}

/// What a run did; `outcome` is `succeeded` or `blocked` (nothing written but the run row).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub run_id: Uuid,
    pub outcome: String,
    pub file_name: String,
    pub source: String,
    pub actor: String,
    pub checksum: String,
    pub counts: Counts,
    /// Rows left out: unparseable values, addresses that do not normalize, values the database refuses.
    pub rejected: Vec<RowError>,
    pub gates: GateReport,
    pub merges: Vec<MergeNote>,
    /// Stage → milliseconds.
    pub timings: BTreeMap<String, u64>,
    pub model_versions: BTreeMap<String, String>,
    /// Why scoring skipped properties (reason → count) and what was not run.
    pub scoring_notes: BTreeMap<String, u64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

impl ImportReport {
    pub fn blocked(&self) -> bool {
        self.outcome == "blocked"
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error("gates: {0}")]
    Gates(#[from] GateError),
    #[error("provenance: {0}")]
    Provenance(#[from] ProvenanceError),
    #[error("hazards: {0}")]
    Hazard(#[from] HazardError),
    #[error("database: {0}")]
    Db(#[from] DbErr),
}

/// Where the run's transactions come from: a connection (one transaction per batch, the CLI) or
/// a request's transaction that everything runs in (GraphQL; the caller commits).
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Db(&'a DatabaseConnection, TenantId),
    Request(&'a TenantTx),
}

pub(crate) enum Tx<'a> {
    Owned(TenantTx),
    Borrowed(&'a TenantTx),
}

impl Tx<'_> {
    pub(crate) fn get(&self) -> &TenantTx {
        match self {
            Tx::Owned(t) => t,
            Tx::Borrowed(t) => t,
        }
    }
    pub(crate) async fn commit(self) -> Result<(), DbErr> {
        match self {
            Tx::Owned(t) => t.commit().await,
            Tx::Borrowed(_) => Ok(()),
        }
    }
}

impl<'a> Target<'a> {
    pub(crate) async fn begin(&self) -> Result<Tx<'a>, DbErr> {
        match *self {
            Target::Db(conn, tenant) => Ok(Tx::Owned(TenantTx::begin(conn, tenant).await?)),
            Target::Request(tx) => Ok(Tx::Borrowed(tx)),
        }
    }
}

fn ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Runs the pipeline over `bytes`. A blocking gate failure writes nothing but the run row (in its
/// own transaction) and returns the report with outcome `blocked`; `comps = None` skips scoring.
/// `progress(done, total)` follows the written rows.
pub async fn import(
    target: Target<'_>,
    bytes: &[u8],
    opts: &ImportOptions,
    comps: Option<&CompService>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<ImportReport, PipelineError> {
    let started_at = Utc::now();
    let total = Instant::now();
    let mut report = lineage::new_report(opts, bytes, started_at);
    let t = Instant::now();
    let parsed = match opts.format {
        Format::Csv => parse_csv(bytes)?,
        Format::Jsonl => parse_jsonl(bytes)?,
    };
    report.timings.insert("parse".into(), ms(t));
    let t = Instant::now();
    let gates = evaluate_properties(&parsed.rows, &opts.gates, opts.today)?;
    report.timings.insert("gates".into(), ms(t));
    report.counts.read = lineage::rows_read(&parsed);
    report.counts.warnings = gates.warnings() as u64;
    report.rejected = parsed.errors.clone();
    report.gates = gates;
    if report.gates.blocking {
        report.outcome = "blocked".into();
        report.counts.rejected = lineage::distinct_rows(&report.rejected);
        report.timings.insert("total".into(), ms(total));
        lineage::record(target, &mut report).await?;
        return Ok(report);
    }
    let t = Instant::now();
    let (addressed, address_errors) = normalize_rows(&parsed.rows);
    report.rejected.extend(address_errors);
    let groups = group_by_address(&addressed);
    report.timings.insert("normalize".into(), ms(t));
    let t = Instant::now();
    let written = write::all(target, opts, &parsed.rows, &addressed, &groups, &mut report, progress).await;
    report.timings.insert("write".into(), ms(t));
    let touched = match written {
        Ok(ids) => ids,
        Err(e) => {
            report.outcome = "failed".into();
            report.timings.insert("total".into(), ms(total));
            // The batches before the failure stay committed; the run row says where it stopped.
            if let Err(rec) = lineage::record(target, &mut report).await {
                tracing::error!(error = %rec, "could not record the failed pipeline run");
            }
            return Err(e);
        }
    };
    report.counts.rejected = lineage::distinct_rows(&report.rejected);
    let t = Instant::now();
    match comps {
        Some(svc) => score::all(target, svc, opts, &touched, &mut report).await?,
        None => {
            report
                .scoring_notes
                .insert("not_requested".into(), touched.len() as u64);
        }
    }
    report.timings.insert("score".into(), ms(t));
    report.outcome = "succeeded".into();
    report.timings.insert("total".into(), ms(total));
    lineage::record(target, &mut report).await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn the_format_follows_the_file_extension() {
        assert_eq!(Format::from_name("a/B.CSV"), Some(Format::Csv));
        assert_eq!(Format::from_name("x.jsonl"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("x.xlsx"), None);
    }
}
