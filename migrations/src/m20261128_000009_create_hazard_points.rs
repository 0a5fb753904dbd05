//! The property pipeline's second round: a stored hazard table per tenant (`hazard_points`,
//! looked up by location when an imported row has no scores of its own), every input file of a
//! run (`pipeline_runs.inputs`: name, role, SHA-256), the validation score
//! of each provenance record (gate warnings on the written value lower its trust), and one index
//! less on `field_provenance` — no foreign key points at it, so its `(tenant_id, id)` key only
//! slowed the pipeline's largest insert.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["hazard_points"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("hazard_points")
                    .col(double("latitude"))
                    .col(double("longitude"))
                    .col(double("flood_score"))
                    .col(double("wildfire_score"))
                    .col(double("heat_score"))
                    .col(string("source"))
                    .col(created_at())
                    .check(check("latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180"))
                    .check(check("flood_score BETWEEN 0 AND 1"))
                    .check(check("wildfire_score BETWEEN 0 AND 1"))
                    .check(check("heat_score BETWEEN 0 AND 1"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "hazard_points").await?;
        manager
            .alter_table(
                Table::alter()
                    .table("field_provenance")
                    .add_column(double("validation").default(1.0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("pipeline_runs")
                    .add_column(json_null("inputs"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("uq_field_provenance_tenant_id_id")
                    .table("field_provenance")
                    .to_owned(),
            )
            .await?;
        secure_tables(manager, TABLES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(manager, "field_provenance", &["tenant_id", "id"], true).await?;
        manager
            .alter_table(Table::alter().table("pipeline_runs").drop_column("inputs").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("field_provenance")
                    .drop_column("validation")
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, TABLES).await
    }
}
