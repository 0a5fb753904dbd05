//! The property pipeline end to end (docs/pipeline.md): parse → gates (a blocking failure writes
//! nothing) → normalize and de-duplicate by address hash → merge with provenance → hazards →
//! owners → Comp-Critic scoring → the run's lineage row. One transaction per batch of rows; a
//! cancelled run (SIGINT/SIGTERM on the command line) stops between batches and is recorded as
//! `interrupted` with the counts of what it committed.
mod batch_writes;
mod bulk;
pub(crate) mod children;
mod hazards;
mod lineage;
pub mod map;
pub mod openlineage;
mod owners;
pub mod request;
mod score;
mod score_dcf;
mod write;

use crate::persistence::{TenantId, TenantTx};
use crate::pipeline::{
    ChildKind, FileError, GateConfig, GateError, GateReport, HazardError, HazardTable, PipelineSettings,
    ProvenanceError, RowError, attach, evaluate_children, evaluate_properties, group_by_address, normalize_rows,
    parse_children_csv, parse_csv, parse_jsonl,
};
use crate::services::cancel::Cancel;
use crate::services::comps::CompService;
use chrono::{DateTime, NaiveDate, Utc};
use reos_entities::enums::RunOutcome;
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

/// The pipeline's configuration, loaded once: settings, gates and where lineage events go.
#[derive(Debug, Clone)]
pub struct PipelineConfig {
    pub settings: PipelineSettings,
    pub gates: GateConfig,
    /// OpenLineage destination: an `http(s)://` URL or a file path (JSON lines).
    pub openlineage: Option<String>,
}

impl PipelineConfig {
    /// The shipped settings and gates, no lineage events.
    pub fn builtin() -> Result<Self, PipelineError> {
        Ok(Self {
            settings: PipelineSettings::default(),
            gates: GateConfig::builtin()?,
            openlineage: None,
        })
    }

    /// The configured files (each falling back to the shipped one); errors name the file.
    pub fn load(files: &crate::config::PipelineFiles) -> anyhow::Result<Self> {
        use anyhow::Context as _;
        let read = |p: &std::path::Path| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()));
        let mut config = Self::builtin()?;
        if let Some(path) = &files.settings {
            config.settings = PipelineSettings::from_toml(&read(path)?).with_context(|| path.display().to_string())?;
        }
        if let Some(path) = &files.gates {
            config.gates = GateConfig::from_toml(&read(path)?).with_context(|| path.display().to_string())?;
        }
        config.openlineage = files.openlineage_url.clone();
        Ok(config)
    }
}

/// How to run one import.
#[derive(Clone)]
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
    /// Companion CSVs of leases / unit mix, linked to the properties by `property_external_id`.
    pub companions: Vec<Companion>,
    /// OpenLineage destination (see [`PipelineConfig`]).
    pub openlineage: Option<String>,
    /// Whether the ownership graph is mirrored (Neo4j configured): each written batch then adds
    /// a graph outbox row in its own transaction, so the mirror is rebuilt.
    pub graph_outbox: bool,
    /// The run's id when the caller chose it (so it can watch `importProgress`); else a new UUIDv7.
    pub run_id: Option<Uuid>,
    /// Set to stop the run between batches (the command line sets it on SIGINT/SIGTERM): no new
    /// batch starts, those in flight commit or roll back, scoring is skipped or rolled back, and
    /// the run is recorded as `interrupted` with exactly what was committed. For a connection
    /// target only: a request's transaction commits or rolls back as a whole.
    pub cancel: Cancel,
}

/// A companion file of child records.
#[derive(Debug, Clone)]
pub struct Companion {
    pub kind: ChildKind,
    pub file_name: String,
    /// Shared, so copies of the options (one per import with a stored hazard table) share it.
    pub bytes: std::sync::Arc<[u8]>,
}

impl ImportOptions {
    /// The shipped gates and settings, batches of [`BATCH_ROWS`].
    pub fn new(file_name: &str, format: Format, source: &str, actor: &str) -> Result<Self, PipelineError> {
        Ok(Self::with_config(
            file_name,
            format,
            source,
            actor,
            &PipelineConfig::builtin()?,
        ))
    }

    /// The settings, gates and lineage destination of `config` (loaded once by the caller),
    /// batches of [`BATCH_ROWS`].
    pub fn with_config(file_name: &str, format: Format, source: &str, actor: &str, config: &PipelineConfig) -> Self {
        Self {
            file_name: file_name.to_owned(),
            format,
            source: source.to_owned(),
            actor: actor.to_owned(),
            today: Utc::now().date_naive(),
            settings: config.settings.clone(),
            gates: config.gates.clone(),
            hazard_table: None,
            confidence: 0.8,
            batch_rows: BATCH_ROWS,
            companions: Vec::new(),
            openlineage: config.openlineage.clone(),
            graph_outbox: false,
            run_id: None,
            cancel: Cancel::default(),
        }
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }
}

/// What a run did; `outcome` is `running` until the run ends, then the stored spelling of a
/// [`RunOutcome`]: `succeeded`, `blocked` (nothing written but the run row), `failed`, or
/// `interrupted` (cancelled: the counts are those of the committed batches).
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
    /// Every input file with its role and SHA-256.
    pub inputs: Vec<lineage::Input>,
    /// Why scoring skipped properties (reason → count) and what was not run.
    pub scoring_notes: BTreeMap<String, u64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

impl ImportReport {
    pub fn blocked(&self) -> bool {
        self.outcome == RunOutcome::Blocked.as_str()
    }

    pub fn interrupted(&self) -> bool {
        self.outcome == RunOutcome::Interrupted.as_str()
    }

    /// An empty report for one batch's tallies, later [`absorb`](Self::absorb)ed into this one.
    fn part(&self) -> Self {
        Self {
            counts: Counts::default(),
            rejected: Vec::new(),
            gates: GateReport::default(),
            merges: Vec::new(),
            timings: BTreeMap::new(),
            model_versions: BTreeMap::new(),
            inputs: Vec::new(),
            scoring_notes: BTreeMap::new(),
            run_id: self.run_id,
            outcome: self.outcome.clone(),
            file_name: String::new(),
            source: String::new(),
            actor: String::new(),
            checksum: String::new(),
            started_at: self.started_at,
            finished_at: self.finished_at,
        }
    }

    /// Adds a batch's counts, rejections, merges, stage times and notes.
    fn absorb(&mut self, part: Self) {
        self.counts.add(&part.counts);
        self.rejected.extend(part.rejected);
        self.merges.extend(part.merges);
        for (k, v) in part.timings {
            *self.timings.entry(k).or_default() += v;
        }
        for (k, v) in part.scoring_notes {
            *self.scoring_notes.entry(k).or_default() += v;
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error("{kind:?} file {file}: {error}")]
    Companion {
        kind: ChildKind,
        file: String,
        error: FileError,
    },
    #[error("gates: {0}")]
    Gates(#[from] GateError),
    #[error("provenance: {0}")]
    Provenance(#[from] ProvenanceError),
    #[error("hazards: {0}")]
    Hazard(#[from] HazardError),
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("dcf: {0}")]
    Dcf(String),
    #[error("valuation: {0}")]
    Valuation(String),
}

/// Where the run's transactions come from: a connection (one transaction per batch, the CLI) or
/// a request's transaction that everything runs in (GraphQL; the caller commits).
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Db(&'a DatabaseConnection, TenantId),
    Request(&'a TenantTx),
}

pub(crate) enum Tx<'a> {
    Owned(Box<TenantTx>),
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
    /// Rolls back an owned transaction; a request's transaction is the caller's to end.
    pub(crate) async fn rollback(self) -> Result<(), DbErr> {
        match self {
            Tx::Owned(t) => t.rollback().await,
            Tx::Borrowed(_) => Ok(()),
        }
    }
}

impl<'a> Target<'a> {
    pub(crate) fn tenant(&self) -> TenantId {
        match *self {
            Target::Db(_, tenant) => tenant,
            Target::Request(tx) => tx.tenant(),
        }
    }

    /// Whether batches may run in parallel transactions: a request has one transaction, and
    /// SQLite one writer.
    pub(crate) fn concurrent(&self) -> bool {
        matches!(self, Target::Db(conn, _) if conn.get_database_backend() == sea_orm::DbBackend::Postgres)
    }

    pub(crate) async fn begin(&self) -> Result<Tx<'a>, DbErr> {
        match *self {
            Target::Db(conn, tenant) => Ok(Tx::Owned(Box::new(TenantTx::begin(conn, tenant).await?))),
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
    let tenant = target.tenant().uuid();
    openlineage::emit(opts, openlineage::event(tenant, &report, "START", started_at)).await;
    let t = Instant::now();
    let mut parsed = match opts.format {
        Format::Csv => parse_csv(bytes)?,
        Format::Jsonl => parse_jsonl(bytes)?,
    };
    for c in &opts.companions {
        let children = parse_children_csv(c.kind, &c.bytes[..]).map_err(|error| PipelineError::Companion {
            kind: c.kind,
            file: c.file_name.clone(),
            error,
        })?;
        attach(&mut parsed, c.kind, children);
    }
    report.timings.insert("parse".into(), ms(t));
    let t = Instant::now();
    let mut gates = evaluate_properties(&parsed.rows, &opts.gates, opts.today)?;
    let children = evaluate_children(&parsed.rows, &opts.gates, opts.today)?;
    gates.blocking |= children.blocking;
    gates.failures.extend(children.failures);
    report.timings.insert("gates".into(), ms(t));
    report.counts.read = lineage::rows_read(&parsed);
    report.counts.warnings = gates.warnings() as u64;
    report.rejected = parsed.errors.clone();
    report.gates = gates;
    if report.gates.blocking {
        report.outcome = RunOutcome::Blocked.to_string();
        report.counts.rejected = lineage::distinct_rows(&report.rejected);
        report.timings.insert("total".into(), ms(total));
        finish(target, opts, &mut report).await?;
        return Ok(report);
    }
    let stored_table;
    let opts = match &opts.hazard_table {
        Some(_) => opts,
        None => {
            stored_table = with_stored_hazards(target, opts).await?;
            &stored_table
        }
    };
    let t = Instant::now();
    let (addressed, address_errors) = normalize_rows(&parsed.rows);
    report.rejected.extend(address_errors);
    let groups = group_by_address(&addressed);
    report.timings.insert("normalize".into(), ms(t));
    let t = Instant::now();
    let written = write::all(target, opts, &parsed.rows, &addressed, &groups, &mut report, progress).await;
    report.timings.insert("write".into(), ms(t));
    let (touched, mut complete) = match written {
        Ok(w) => (w.touched, w.complete),
        Err(e) => {
            report.outcome = RunOutcome::Failed.to_string();
            report.timings.insert("total".into(), ms(total));
            // The batches before the failure stay committed; the run row says where it stopped.
            if let Err(rec) = finish(target, opts, &mut report).await {
                tracing::error!(error = %rec, "could not record the failed pipeline run");
            }
            return Err(e);
        }
    };
    report.counts.rejected = lineage::distinct_rows(&report.rejected);
    let t = Instant::now();
    match comps {
        Some(_) if !complete || opts.cancelled() => {
            complete = false;
            report.scoring_notes.insert("interrupted".into(), touched.len() as u64);
        }
        Some(svc) => {
            complete = score::all(target, svc, opts, &touched, &mut report).await?
                && score_dcf::all(target, opts, &touched, &mut report).await?;
        }
        None => {
            report
                .scoring_notes
                .insert("not_requested".into(), touched.len() as u64);
        }
    }
    report.timings.insert("score".into(), ms(t));
    let outcome = if complete {
        RunOutcome::Succeeded
    } else {
        RunOutcome::Interrupted
    };
    report.outcome = outcome.to_string();
    report.timings.insert("total".into(), ms(total));
    finish(target, opts, &mut report).await?;
    Ok(report)
}

/// Records the run row (and gate results) and emits the closing OpenLineage event.
async fn finish(target: Target<'_>, opts: &ImportOptions, report: &mut ImportReport) -> Result<(), DbErr> {
    lineage::record(target, report).await?;
    let kind = openlineage::closing_type(&report.outcome);
    openlineage::emit(
        opts,
        openlineage::event(target.tenant().uuid(), report, kind, report.finished_at),
    )
    .await;
    Ok(())
}

/// `opts` with the tenant's stored hazard table (when it has points) for rows without scores.
async fn with_stored_hazards(target: Target<'_>, opts: &ImportOptions) -> Result<ImportOptions, PipelineError> {
    let tx = target.begin().await?;
    let points = crate::persistence::repositories::hazard_points::all(tx.get()).await?;
    tx.commit().await?;
    let mut out = opts.clone();
    if !points.is_empty() {
        out.hazard_table = Some(HazardTable::new(points, opts.settings.hazard_radius_m)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
