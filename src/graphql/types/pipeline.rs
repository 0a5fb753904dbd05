//! GraphQL view of the property pipeline's lineage: `PipelineRun` and its gate results.
use crate::graphql::context::tx;
use crate::services::pipeline_runs;
use async_graphql::{Context, ID, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use reos_entities::{pipeline_gate_result, pipeline_run};

/// One run of the property pipeline: input, outcome, counts, stage timings, model versions.
pub struct PipelineRun(pub pipeline_run::Model);

/// A failed expectation (severity `blocking` or `warning`) or a rejected row (`rejected`).
#[derive(SimpleObject)]
pub struct PipelineGateResult {
    /// 1-based data row of the input file.
    pub row: i32,
    pub field: String,
    pub value: String,
    pub expectation: String,
    pub severity: String,
}

impl From<pipeline_gate_result::Model> for PipelineGateResult {
    fn from(r: pipeline_gate_result::Model) -> Self {
        Self {
            row: r.row,
            field: r.field,
            value: r.value,
            expectation: r.expectation,
            severity: r.severity.as_str().to_owned(),
        }
    }
}

#[Object]
impl PipelineRun {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    /// SHA-256 of the input bytes.
    async fn checksum(&self) -> &str {
        &self.0.checksum
    }
    async fn source(&self) -> &str {
        &self.0.source
    }
    async fn actor(&self) -> &str {
        &self.0.actor
    }
    async fn started_at(&self) -> DateTime<Utc> {
        self.0.started_at
    }
    async fn finished_at(&self) -> DateTime<Utc> {
        self.0.finished_at
    }
    /// `succeeded`, `blocked` (nothing written), `failed`, or `interrupted` (a command-line import
    /// stopped by a signal; the counts are what it committed).
    async fn outcome(&self) -> &'static str {
        self.0.outcome.as_str()
    }
    /// `{read, written, merged, rejected, warnings, updated, hazards, provenance, owners, ownerships, valuations}`.
    async fn counts(&self) -> Json<serde_json::Value> {
        Json(self.0.counts.clone())
    }
    /// Stage → milliseconds.
    async fn timings(&self) -> Json<serde_json::Value> {
        Json(self.0.timings.clone())
    }
    async fn model_versions(&self) -> Json<serde_json::Value> {
        Json(self.0.model_versions.clone())
    }
    /// Failed expectations and rejected rows, in row order.
    async fn gate_results(&self, ctx: &Context<'_>) -> Result<Vec<PipelineGateResult>> {
        let rows = pipeline_runs::gate_results(tx(ctx)?, self.0.id).await?;
        Ok(rows.into_iter().map(PipelineGateResult::from).collect())
    }
}
