//! The `[pipeline]` table: where the property pipeline's settings and quality gates are read
//! from and where its lineage events go (`REOS_PIPELINE__*`).
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Where the property pipeline's configuration comes from and where its lineage goes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineFiles {
    /// Settings TOML: hazard weights, trust, lookup radius, DCF defaults (`REOS_PIPELINE__SETTINGS`).
    /// Unset: the shipped `ops/pipeline/pipeline.toml`.
    pub settings: Option<PathBuf>,
    /// Quality gates TOML (`REOS_PIPELINE__GATES`). Unset: the shipped `ops/pipeline/gates.toml`.
    pub gates: Option<PathBuf>,
    /// OpenLineage run events (`REOS_PIPELINE__OPENLINEAGE_URL`): an `http(s)://` endpoint they are
    /// POSTed to, or a file path they are appended to as JSON lines. Unset: none are emitted.
    pub openlineage_url: Option<String>,
}
