//! `pipeline_runs`: one property-pipeline run (lineage): input file and checksum, who ran it,
//! outcome, counts, stage timings and the model versions used.
use crate::enums::RunOutcome;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pipeline_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub file_name: String,
    /// Lower-case hex SHA-256 of the input bytes.
    pub checksum: String,
    pub source: String,
    pub actor: String,
    pub started_at: DateTimeUtc,
    pub finished_at: DateTimeUtc,
    /// `succeeded`, `blocked`, `failed` or `interrupted` (stopped by a signal; counts are what
    /// the run committed).
    pub outcome: RunOutcome,
    /// `{read, written, merged, rejected, warnings, …}`.
    pub counts: Json,
    /// Stage → milliseconds.
    pub timings: Json,
    /// Model → version.
    pub model_versions: Json,
    /// Every input file: `[{file_name, role, checksum}]` (role `properties`, `leases`, `unit_mix`).
    pub inputs: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
