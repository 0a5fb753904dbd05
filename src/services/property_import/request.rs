//! A property import asked for by a user (GraphQL `importProperties`): the run id they chose (or
//! a new one), `importProgress` events while it runs, the pipeline inside their transaction, and
//! the import recorded in the audit log.
use super::{Companion, Format, ImportOptions, ImportReport, PipelineConfig, PipelineError, Target, import};
use crate::error::{ApiError, ApiResult};
use crate::events::{EventKind, ImportProgress, Outbox};
use crate::persistence::repositories;
use crate::pipeline::ChildKind;
use crate::services::caller::Caller;
use crate::services::comps::CompService;
use reos_entities::pipeline_run;
use sea_orm::{DbErr, EntityTrait, Set, SqlErr, TransactionTrait};
use std::sync::Arc;
use uuid::Uuid;

/// A file to import for a user.
pub struct RequestImport {
    pub data: Vec<u8>,
    pub format: Format,
    /// Source name recorded in provenance (`mls`, `county_assessor`, …).
    pub source: String,
    /// Companion leases CSV, linked by `property_external_id`.
    pub leases_csv: Option<String>,
    /// Companion unit-mix CSV.
    pub unit_mix_csv: Option<String>,
    /// A new UUID chosen by the client as the run's id.
    pub run_id: Option<String>,
    pub today: chrono::NaiveDate,
}

/// The one answer for every run id that cannot be used: malformed, used by this tenant, or used
/// by another tenant (invisible here, but the key is shared). Answering all alike keeps other
/// tenants' run ids from being probed.
fn unusable_run_id() -> ApiError {
    ApiError::bad_input("input.runId", "cannot be used: give a new UUID, or leave it out")
}

/// Whether `e` is a second run row with a taken id (two imports racing for one new id).
fn run_id_taken(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(m)) if m.contains("pipeline_runs"))
}

/// Whether no run of any tenant has the id: a placeholder run row (valid for the table's checks,
/// so only the key can refuse it) is inserted in a savepoint and rolled back. The primary key
/// spans all tenants; row-level security hides the others' rows from a lookup, not from the key.
async fn run_id_free(c: &Caller<'_>, id: Uuid) -> ApiResult<bool> {
    let now = chrono::Utc::now();
    let probe = c.tx.conn().await?.begin().await.map_err(ApiError::from)?;
    let placeholder = pipeline_run::ActiveModel {
        id: Set(id),
        tenant_id: Set(c.tenant()),
        file_name: Set(String::new()),
        checksum: Set("0".repeat(64)),
        source: Set(String::new()),
        actor: Set(String::new()),
        started_at: Set(now),
        finished_at: Set(now),
        outcome: Set(reos_entities::enums::RunOutcome::Failed),
        counts: Set(serde_json::json!({})),
        timings: Set(serde_json::json!({})),
        model_versions: Set(serde_json::json!({})),
        inputs: Set(None),
    };
    let inserted = pipeline_run::Entity::insert(placeholder)
        .exec_without_returning(&probe)
        .await;
    probe.rollback().await.map_err(ApiError::from)?;
    match inserted {
        Ok(_) => Ok(true),
        Err(e) if run_id_taken(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The run id the client chose (a UUID no run has) or a new one.
async fn run_id(c: &Caller<'_>, given: Option<&str>) -> ApiResult<Uuid> {
    let Some(id) = given else {
        return Ok(Uuid::now_v7());
    };
    let id = Uuid::parse_str(id).map_err(|_| unusable_run_id())?;
    if !run_id_free(c, id).await? {
        return Err(unusable_run_id());
    }
    Ok(id)
}

/// `importProgress` events of one run: batches as they are written, the end after the commit.
struct ImportEvents {
    outbox: Option<Outbox>,
    run_id: Uuid,
}

impl ImportEvents {
    fn new(c: &Caller<'_>, run_id: Uuid) -> Self {
        Self {
            outbox: c.events.cloned(),
            run_id,
        }
    }

    fn event(&self, stage: &str, done: bool) -> ImportProgress {
        ImportProgress {
            run_id: self.run_id,
            stage: stage.into(),
            processed: 0,
            total: 0,
            read: 0,
            written: 0,
            merged: 0,
            rejected: 0,
            done,
        }
    }

    fn running(&self, processed: u64, total: u64) {
        if let Some(o) = &self.outbox {
            o.now(EventKind::ImportProgress(ImportProgress {
                processed,
                total,
                ..self.event("running", false)
            }));
        }
    }

    fn failed(&self) {
        if let Some(o) = &self.outbox {
            o.now(EventKind::ImportProgress(self.event("failed", true)));
        }
    }

    fn finished(&self, report: &ImportReport) {
        if let Some(o) = &self.outbox {
            let c = &report.counts;
            o.after_commit(EventKind::ImportProgress(ImportProgress {
                processed: c.written + c.merged,
                total: c.written + c.merged,
                read: c.read,
                written: c.written,
                merged: c.merged,
                rejected: c.rejected,
                ..self.event(&report.outcome, true)
            }));
        }
    }
}

/// Runs the import in the caller's transaction; returns the report and the recorded run row.
pub async fn run(
    c: &Caller<'_>,
    config: &Arc<PipelineConfig>,
    svc: &CompService,
    input: RequestImport,
) -> ApiResult<(ImportReport, pipeline_run::Model)> {
    if input.source.trim().is_empty() {
        return Err(ApiError::bad_input("input.source", "must not be empty"));
    }
    let name = match input.format {
        Format::Csv => "upload.csv",
        Format::Jsonl => "upload.jsonl",
    };
    let mut opts = ImportOptions::with_config(name, input.format, input.source.trim(), c.actor, config);
    opts.graph_outbox = c.mirror_graph;
    for (kind, field, text) in [
        (ChildKind::Lease, "leases.csv", input.leases_csv),
        (ChildKind::UnitMix, "unit_mix.csv", input.unit_mix_csv),
    ] {
        if let Some(text) = text {
            opts.companions.push(Companion {
                kind,
                file_name: field.into(),
                bytes: text.into_bytes().into(),
            });
        }
    }
    opts.today = input.today;
    let chosen = input.run_id.is_some();
    let run_id = run_id(c, input.run_id.as_deref()).await?;
    opts.run_id = Some(run_id);
    let progress = ImportEvents::new(c, run_id);
    let report = import(Target::Request(c.tx), &input.data, &opts, Some(svc), &|done, total| {
        progress.running(done, total)
    })
    .await
    .inspect_err(|_| progress.failed())
    .map_err(|e| match e {
        PipelineError::File(f) => ApiError::bad_input("input.csv", f.to_string()),
        PipelineError::Companion { kind, error, .. } => {
            let field = match kind {
                ChildKind::Lease => "input.leasesCsv",
                ChildKind::UnitMix => "input.unitMixCsv",
            };
            ApiError::bad_input(field, error.to_string())
        }
        PipelineError::Db(e) if chosen && run_id_taken(&e) => unusable_run_id(),
        other => ApiError::Internal(other.into()),
    })?;
    let details = serde_json::json!({"outcome": report.outcome, "written": report.counts.written, "merged": report.counts.merged});
    c.audit("import_properties", "pipeline_run", Some(report.run_id), details)
        .await?;
    progress.finished(&report);
    let run = repositories::find::<pipeline_run::Entity>(c.tx, report.run_id)
        .await?
        .ok_or(ApiError::not_found("pipelineRun"))?;
    Ok((report, run))
}
