//! Creates `lease_abstracts` (docs/lease.md): a lease document's extracted terms, each with its
//! confidence and citation, kept as a draft until an analyst confirms it into a lease. The
//! document is a same-tenant foreign key (the abstract goes with it); the confirmed lease is
//! remembered by id. Tenant-owned under RLS (init-plan policy) with the change trigger.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["lease_abstracts"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("lease_abstracts")
                    .col(uuid("document_id"))
                    .col(uuid_null("property_id"))
                    .col(string("kind"))
                    .col(string("status"))
                    .col(json("extracted"))
                    .col(json_null("edits"))
                    .col(uuid_null("lease_id"))
                    .col(string("created_by"))
                    .col(created_at())
                    .col(updated_at())
                    .col(string_null("confirmed_by"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .check(check("kind IN ('commercial', 'residential')"))
                    .check(check("status IN ('draft', 'confirmed')"))
                    .check(check(
                        "status = 'draft' OR (confirmed_by IS NOT NULL AND confirmed_at IS NOT NULL)",
                    ))
                    .foreign_key(&mut tenant_fk("lease_abstracts", "document_id", "documents"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "lease_abstracts").await?;
        index(manager, "lease_abstracts", &["tenant_id", "document_id"], false).await?;
        index(manager, "lease_abstracts", &["tenant_id", "property_id"], false).await?;
        secure_tables_init_plan(manager, TABLES).await?;
        postgres_only(
            manager,
            "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lease_abstracts
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
