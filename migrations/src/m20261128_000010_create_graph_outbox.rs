//! Creates `graph_outbox` (issue #7): ownership, lease, loan and property writes that the Neo4j
//! mirror has not seen yet, written in the same tenant transaction as the change and drained by
//! a background task with retry and backoff. Tenant-owned and under RLS. Also adds the lender's
//! name to `loans` (the graph's lender nodes), which the DCF tables did not record.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["graph_outbox"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("graph_outbox")
                    .col(string("kind"))
                    .col(uuid("entity_id"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(string_null("last_error"))
                    .col(created_at())
                    .check(check("kind IN ('owner','ownership','lease','loan','property')"))
                    .check(check("attempts >= 0"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "graph_outbox").await?;
        index(manager, "graph_outbox", &["tenant_id", "next_attempt_at"], false).await?;
        manager
            .alter_table(
                Table::alter()
                    .table("loans")
                    .add_column(string_null("lender"))
                    .to_owned(),
            )
            .await?;
        secure_tables(manager, TABLES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("loans").drop_column("lender").to_owned())
            .await?;
        drop_tables(manager, TABLES).await
    }
}
