//! Creates `tenants` and `users`.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("tenants")
                    .col(pk_uuid("id"))
                    .col(string_uniq("slug"))
                    .col(string("name"))
                    .col(created_at())
                    .check(check("length(slug) BETWEEN 2 AND 63"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("users")
                    .col(string("subject"))
                    .col(string_null("email"))
                    .col(string_null("display_name"))
                    .col(string("role"))
                    .col(boolean("active"))
                    .col(created_at())
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .check(check("role IN ('admin','operator','analyst','viewer')"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "users").await?;
        index(manager, "users", &["tenant_id", "subject"], true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("users").to_owned()).await?;
        manager.drop_table(Table::drop().table("tenants").to_owned()).await
    }
}
