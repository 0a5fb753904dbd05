//! `importProperties`: the property pipeline (docs/pipeline.md) inside the request's transaction,
//! with Comp-Critic scoring. A blocking gate failure writes nothing but the run row, which the
//! payload returns with outcome `blocked`. Requires operator.
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::query::valuation::comp_service;
use crate::graphql::types::pipeline::PipelineRun;
use crate::services::property_import::request::{self, RequestImport};
use crate::services::property_import::{Format, ImportReport, PipelineConfig};
use crate::services::valuations::today;
use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject, Upload};
use reos_entities::pipeline_run;
use std::sync::Arc;

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

impl ImportPropertiesPayload {
    fn new(report: &ImportReport, run: pipeline_run::Model) -> Self {
        Self {
            run: PipelineRun(run),
            problems: problems(report),
            merged_rows: report.merges.iter().map(|m| row(m.row)).collect(),
        }
    }
}

/// Every failed expectation and rejected row of the report, in row order.
fn problems(report: &ImportReport) -> Vec<ImportProblem> {
    let failures = report.gates.failures.iter().map(|f| ImportProblem {
        row: row(f.row),
        field: f.field.clone(),
        value: f.value.clone(),
        message: f.expectation.clone(),
        severity: format!("{:?}", f.severity).to_lowercase(),
    });
    let rejected = report.rejected.iter().map(|e| ImportProblem {
        row: row(e.row),
        field: e.field.clone(),
        value: e.value.clone(),
        message: e.message.clone(),
        severity: "rejected".into(),
    });
    let mut problems: Vec<ImportProblem> = failures.chain(rejected).collect();
    problems.sort_by_key(|p| p.row);
    problems
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
        complexity = "crate::graphql::price::import(input.csv.as_ref()) + child_complexity"
    )]
    async fn import_properties(
        &self,
        ctx: &Context<'_>,
        input: ImportPropertiesInput,
    ) -> Result<ImportPropertiesPayload> {
        let request = RequestImport {
            data: crate::graphql::upload::text_or_file(ctx, input.csv, input.file)?,
            format: match input.format {
                ImportFormat::Csv => Format::Csv,
                ImportFormat::Jsonl => Format::Jsonl,
            },
            source: input.source,
            leases_csv: input.leases_csv,
            unit_mix_csv: input.unit_mix_csv,
            run_id: input.run_id.map(|id| id.0),
            today: today(),
        };
        let config = ctx.data::<Arc<PipelineConfig>>()?;
        let (report, run) = request::run(&caller(ctx)?, config, &*comp_service(ctx)?, request).await?;
        Ok(ImportPropertiesPayload::new(&report, run))
    }
}
