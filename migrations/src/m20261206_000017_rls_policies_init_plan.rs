//! PostgreSQL only: every `tenant_isolation` policy compares `tenant_id` with the tenant setting
//! read once per statement (`(SELECT …)`, an init plan) instead of once per row. The predicate
//! is the same, so is what each role sees; the planner can now use `tenant_id` indexes and skip
//! re-evaluating `current_setting` for every row (a count over 14,000 properties scanned them
//! all). Applies to every table that has the policy, so the migrations before this one keep
//! creating it in the old form and this one rewrites them all.
use crate::common::{TENANT_SETTING, TENANT_SETTING_ONCE, postgres_only};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Rewrites the policy on every table that has one, with `setting` as the tenant expression.
fn rewrite(setting: &str) -> String {
    // The expression goes inside a quoted string of the PL/pgSQL block.
    let setting = setting.replace('\'', "''");
    format!(
        "DO $$
         DECLARE t text;
         BEGIN
           FOR t IN SELECT tablename FROM pg_policies
                    WHERE schemaname = current_schema() AND policyname = 'tenant_isolation'
           LOOP
             EXECUTE format('ALTER POLICY tenant_isolation ON %I USING (tenant_id = {setting}) WITH CHECK (tenant_id = {setting})', t);
           END LOOP;
         END $$;"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        postgres_only(manager, &rewrite(TENANT_SETTING_ONCE)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        postgres_only(manager, &rewrite(TENANT_SETTING)).await
    }
}
