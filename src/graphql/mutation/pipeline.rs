//! `importProperties`: the property pipeline (docs/pipeline.md) inside the request's transaction,
//! with Comp-Critic scoring. A blocking gate failure writes nothing but the run row, which the
//! payload returns with outcome `blocked`. Requires operator.
use super::record;
use crate::auth::Role;
use crate::error::ApiError;
use crate::events::{EventKind, ImportProgress, Outbox};
use crate::graphql::context::{RequestCtx, req};
use crate::graphql::guards::RoleGuard;
use crate::graphql::query::valuation::{comp_service, today};
use crate::graphql::types::pipeline::PipelineRun;
use crate::persistence::repositories;
use crate::pipeline::ChildKind;
use crate::services::property_import::{
    Companion, Format, ImportOptions, ImportReport, PipelineConfig, PipelineError, Target, import,
};
use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject, Upload};
use reos_entities::pipeline_run;
use sea_orm::{DbErr, EntityTrait, Set, SqlErr, TransactionTrait};
use std::io::Read;
use uuid::Uuid;

#[derive(Default)]
pub struct PipelineMutations;

/// Format of an imported property file.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Csv,
    Jsonl,
}

/// Input of `importProperties`: the file's text or an upload (exactly one), its format and source.
#[derive(InputObject)]
pub struct ImportPropertiesInput {
    /// The file's text (CSV with a header row, or JSON Lines; see `format`).
    pub csv: Option<String>,
    /// The same file uploaded (GraphQL multipart request spec); at most 64 MiB.
    pub file: Option<Upload>,
    #[graphql(default_with = "ImportFormat::Csv")]
    pub format: ImportFormat,
    /// Source name recorded in provenance (`mls`, `county_assessor`, …).
    pub source: String,
    /// Leases as CSV text, linked by `property_external_id` (docs/pipeline.md); JSONL files may
    /// instead nest `leases` in each property.
    pub leases_csv: Option<String>,
    /// Unit mix as CSV text, linked by `property_external_id`; JSONL may nest `unit_mix`.
    pub unit_mix_csv: Option<String>,
    /// A new UUID chosen by the client as the run's id, to watch `importProgress(runId)` while
    /// the import runs (default: the server picks one). An id that cannot be used (not a UUID,
    /// or used before by any run) is BAD_USER_INPUT.
    pub run_id: Option<async_graphql::ID>,
}

/// A row left out of the import, or a failed expectation.
#[derive(SimpleObject)]
pub struct ImportProblem {
    pub row: i32,
    pub field: String,
    pub value: String,
    pub message: String,
    /// `blocking`, `warning` or `rejected`.
    pub severity: String,
}

/// What `importProperties` did: the recorded run (counts, outcome) and every problem.
#[derive(SimpleObject)]
pub struct ImportPropertiesPayload {
    pub run: PipelineRun,
    pub problems: Vec<ImportProblem>,
    /// Rows merged into an existing property instead of creating one.
    pub merged_rows: Vec<i32>,
}

const MAX_UPLOAD_BYTES: u64 = 64 * 1024 * 1024;

fn bytes(ctx: &Context<'_>, csv: Option<String>, file: Option<Upload>) -> Result<Vec<u8>, ApiError> {
    match (csv, file) {
        (Some(text), None) => Ok(text.into_bytes()),
        (None, Some(upload)) => {
            let value = upload
                .value(ctx)
                .map_err(|_| ApiError::bad_input("input.file", "no such upload in this request"))?;
            let mut out = Vec::new();
            value
                .into_read()
                .take(MAX_UPLOAD_BYTES + 1)
                .read_to_end(&mut out)
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("reading upload: {e}")))?;
            if out.len() as u64 > MAX_UPLOAD_BYTES {
                return Err(ApiError::bad_input("input.file", "larger than 64 MiB"));
            }
            Ok(out)
        }
        _ => Err(ApiError::bad_input("input", "give exactly one of csv and file")),
    }
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
async fn run_id_free(r: &RequestCtx, id: Uuid) -> Result<bool, ApiError> {
    let now = chrono::Utc::now();
    let probe = r.tx.conn().begin().await.map_err(ApiError::from)?;
    let placeholder = pipeline_run::ActiveModel {
        id: Set(id),
        tenant_id: Set(r.tx.tenant().0),
        file_name: Set(String::new()),
        checksum: Set("0".repeat(64)),
        source: Set(String::new()),
        actor: Set(String::new()),
        started_at: Set(now),
        finished_at: Set(now),
        outcome: Set("failed".into()),
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
async fn run_id(r: &RequestCtx, given: Option<&async_graphql::ID>) -> Result<Uuid, ApiError> {
    let Some(id) = given else {
        return Ok(Uuid::now_v7());
    };
    let id = Uuid::parse_str(id.as_str()).map_err(|_| unusable_run_id())?;
    if !run_id_free(r, id).await? {
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
    fn new(ctx: &Context<'_>, run_id: Uuid) -> Self {
        Self {
            outbox: ctx.data_opt::<Outbox>().cloned(),
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

fn row(r: usize) -> i32 {
    i32::try_from(r).unwrap_or(i32::MAX)
}

#[Object]
impl PipelineMutations {
    /// Imports properties: gates, address normalization and de-duplication, hazards, provenance,
    /// owners and Comp-Critic valuations. Requires operator (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Operator)",
        complexity = "crate::graphql::work::price::import(input.csv.as_ref()) + child_complexity"
    )]
    async fn import_properties(
        &self,
        ctx: &Context<'_>,
        input: ImportPropertiesInput,
    ) -> Result<ImportPropertiesPayload> {
        let r = req(ctx)?;
        if input.source.trim().is_empty() {
            return Err(ApiError::bad_input("input.source", "must not be empty").into());
        }
        let data = bytes(ctx, input.csv, input.file)?;
        let (format, name) = match input.format {
            ImportFormat::Csv => (Format::Csv, "upload.csv"),
            ImportFormat::Jsonl => (Format::Jsonl, "upload.jsonl"),
        };
        let config = PipelineConfig::of(ctx)?;
        let mut opts = ImportOptions::with_config(name, format, input.source.trim(), r.actor(), config);
        opts.graph_outbox = ctx
            .data_opt::<crate::graph::GraphBackend>()
            .is_some_and(crate::graph::GraphBackend::mirrors);
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
        opts.today = today();
        let svc = comp_service(ctx)?;
        let run_id = run_id(r, input.run_id.as_ref()).await?;
        opts.run_id = Some(run_id);
        let progress = ImportEvents::new(ctx, run_id);
        let report = import(Target::Request(&r.tx), &data, &opts, Some(&svc), &|done, total| {
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
            PipelineError::Db(e) if input.run_id.is_some() && run_id_taken(&e) => unusable_run_id(),
            other => ApiError::Internal(other.into()),
        })?;
        record(
            r,
            "import_properties",
            "pipeline_run",
            report.run_id,
            serde_json::json!({"outcome": report.outcome, "written": report.counts.written, "merged": report.counts.merged}),
        )
        .await?;
        progress.finished(&report);
        let run = repositories::find::<pipeline_run::Entity>(&r.tx, report.run_id)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::not_found("pipelineRun"))?;
        let mut problems: Vec<ImportProblem> = report
            .gates
            .failures
            .iter()
            .map(|f| ImportProblem {
                row: row(f.row),
                field: f.field.clone(),
                value: f.value.clone(),
                message: f.expectation.clone(),
                severity: format!("{:?}", f.severity).to_lowercase(),
            })
            .collect();
        problems.extend(report.rejected.iter().map(|e| ImportProblem {
            row: row(e.row),
            field: e.field.clone(),
            value: e.value.clone(),
            message: e.message.clone(),
            severity: "rejected".into(),
        }));
        problems.sort_by_key(|p| p.row);
        Ok(ImportPropertiesPayload {
            run: PipelineRun(run),
            problems,
            merged_rows: report.merges.iter().map(|m| row(m.row)).collect(),
        })
    }
}
