//! The listing's default order is `created_at DESC, id DESC` within a tenant. The index on
//! `(tenant_id, created_at)` left the `id` tie-break to a sort of every row sharing a
//! `created_at` (an import writes all its rows with one timestamp, so a page of a 10,000-row
//! import sorted all 10,000). `(tenant_id, created_at, id)` gives the whole order, read backward,
//! and serves whatever the old index served, which is dropped.
use crate::common::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn drop(manager: &SchemaManager<'_>, name: &str) -> Result<(), DbErr> {
    manager
        .drop_index(Index::drop().name(name).table("properties").to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(manager, "properties", &["tenant_id", "created_at", "id"], false).await?;
        drop(manager, "idx_properties_tenant_id_created_at").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(manager, "properties", &["tenant_id", "created_at"], false).await?;
        drop(manager, "idx_properties_tenant_id_created_at_id").await
    }
}
