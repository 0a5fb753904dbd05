//! Creates `documents`, `valuations`, `field_provenance` and `audit_events`.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("documents")
                    .col(uuid_null("property_id"))
                    .col(uuid_null("lease_id"))
                    .col(string("file_name"))
                    .col(string("content_type"))
                    .col(big_integer("size_bytes"))
                    .col(string("sha256"))
                    .col(string("object_key"))
                    .col(string("uploaded_by"))
                    .col(created_at())
                    .foreign_key(&mut tenant_fk("documents", "property_id", "properties"))
                    .foreign_key(&mut tenant_fk("documents", "lease_id", "leases"))
                    .check(check("size_bytes >= 0"))
                    .check(check("length(sha256) = 64"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "documents").await?;
        index(manager, "documents", &["tenant_id", "property_id"], false).await?;
        index(manager, "documents", &["tenant_id", "lease_id"], false).await?;

        manager
            .create_table(
                tenant_table("valuations")
                    .col(uuid_null("property_id"))
                    .col(string("model"))
                    .col(string("model_version"))
                    .col(string("inputs_hash"))
                    .col(double_null("value"))
                    .col(json("result"))
                    .col(string("created_by"))
                    .col(created_at())
                    .foreign_key(&mut tenant_fk("valuations", "property_id", "properties"))
                    .check(check("model IN ('dcf','comp-critic')"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "valuations").await?;
        index(
            manager,
            "valuations",
            &["tenant_id", "property_id", "created_at"],
            false,
        )
        .await?;

        manager
            .create_table(
                tenant_table("field_provenance")
                    .col(string("entity"))
                    .col(uuid("entity_id"))
                    .col(string("field"))
                    .col(json("value"))
                    .col(json_null("previous_value"))
                    .col(string("source"))
                    .col(string("method"))
                    .col(double("confidence"))
                    .col(string_null("evidence_uri"))
                    .col(string("actor"))
                    .col(timestamp_with_time_zone("recorded_at"))
                    .check(check("confidence >= 0 AND confidence <= 1"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "field_provenance").await?;
        index(manager, "field_provenance", &["tenant_id", "entity_id", "field"], false).await?;

        manager
            .create_table(
                tenant_table("audit_events")
                    .col(string("actor"))
                    .col(string("action"))
                    .col(string("entity"))
                    .col(uuid_null("entity_id"))
                    .col(json("details"))
                    .col(string_null("request_id"))
                    .col(created_at())
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "audit_events").await?;
        index(manager, "audit_events", &["tenant_id", "created_at"], false).await?;
        index(manager, "audit_events", &["tenant_id", "entity_id"], false).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["audit_events", "field_provenance", "valuations", "documents"] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
