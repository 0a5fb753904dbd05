//! Creates `offers` (bids on a property; tenant-owned, under RLS) and links documents to them with
//! `documents.offer_id`. On PostgreSQL the link is a composite `(tenant_id, offer_id)` foreign
//! key like every other. SQLite cannot add a composite key to an existing table (and could not drop
//! a column that has one), so there the column is plain: the application only ever sets it to an
//! offer of the caller's tenant, and every document also carries the offer's `property_id`, whose
//! foreign key removes it with the property.
use crate::common::*;
use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["offers"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("offers")
                    .col(uuid("property_id"))
                    .col(string("bidder"))
                    .col(double("amount"))
                    .col(string("status"))
                    .col(timestamp_with_time_zone("submitted_at"))
                    .col(string("created_by"))
                    .col(created_at())
                    .foreign_key(&mut tenant_fk("offers", "property_id", "properties"))
                    .check(check("amount > 0"))
                    .check(check("status IN ('submitted','accepted','rejected','withdrawn')"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "offers").await?;
        index(manager, "offers", &["tenant_id", "property_id"], false).await?;

        let conn = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                conn.execute_unprepared(
                    "ALTER TABLE documents ADD COLUMN offer_id uuid NULL;
                     ALTER TABLE documents ADD CONSTRAINT fk_documents_offer_id
                       FOREIGN KEY (tenant_id, offer_id) REFERENCES offers (tenant_id, id) ON DELETE CASCADE;",
                )
                .await?;
            }
            _ => {
                conn.execute_unprepared("ALTER TABLE documents ADD COLUMN offer_id uuid_text NULL")
                    .await?;
            }
        }
        index(manager, "documents", &["tenant_id", "offer_id"], false).await?;
        secure_tables(manager, TABLES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_documents_tenant_id_offer_id")
                    .table("documents")
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("ALTER TABLE documents DROP CONSTRAINT fk_documents_offer_id")
                .await?;
        }
        manager
            .alter_table(Table::alter().table("documents").drop_column("offer_id").to_owned())
            .await?;
        drop_tables(manager, TABLES).await
    }
}
