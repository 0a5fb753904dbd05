//! Creates the lineage of the property pipeline (docs/pipeline.md): `pipeline_runs` (one row per
//! import: input file and checksum, counts, stage timings, model versions, outcome) and
//! `pipeline_gate_results` (every failed expectation of a run), tenant-owned and under RLS.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["pipeline_runs", "pipeline_gate_results"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("pipeline_runs")
                    .col(string("file_name"))
                    .col(string("checksum"))
                    .col(string("source"))
                    .col(string("actor"))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(timestamp_with_time_zone("finished_at"))
                    .col(string("outcome"))
                    .col(json("counts"))
                    .col(json("timings"))
                    .col(json("model_versions"))
                    .check(check("length(checksum) = 64"))
                    .check(check("outcome IN ('succeeded','blocked','failed')"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "pipeline_runs").await?;
        index(manager, "pipeline_runs", &["tenant_id", "started_at"], false).await?;

        manager
            .create_table(
                tenant_table("pipeline_gate_results")
                    .col(uuid("run_id"))
                    .col(integer("row"))
                    .col(string("field"))
                    .col(string("value"))
                    .col(string("expectation"))
                    .col(string("severity"))
                    .foreign_key(&mut tenant_fk("pipeline_gate_results", "run_id", "pipeline_runs"))
                    .check(check("severity IN ('blocking','warning','rejected')"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "pipeline_gate_results").await?;
        index(manager, "pipeline_gate_results", &["tenant_id", "run_id"], false).await?;

        secure_tables(manager, TABLES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
