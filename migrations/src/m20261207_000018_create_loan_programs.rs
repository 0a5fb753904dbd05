//! Creates `loan_programs`: a tenant's lender programs (docs/deal-sizing.md) — sizing tests
//! (max LTV, min DSCR, min debt yield), rate, amortization, interest-only months, fee, term —
//! tenant-owned under RLS with the policy in init-plan form from the start, and the change
//! notification trigger of migration 013.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["loan_programs"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("loan_programs")
                    .col(string("lender"))
                    .col(string("name"))
                    .col(double_null("max_ltv"))
                    .col(double_null("min_dscr"))
                    .col(double_null("min_debt_yield"))
                    .col(double("rate"))
                    .col(double_null("amortization_years"))
                    .col(integer("io_months"))
                    .col(double("fee_pct"))
                    .col(double_null("term_years"))
                    .col(text_null("notes"))
                    .col(string("created_by"))
                    .col(created_at())
                    .col(updated_at())
                    .check(check("max_ltv IS NULL OR (max_ltv > 0 AND max_ltv <= 1)"))
                    .check(check("min_dscr IS NULL OR min_dscr > 0"))
                    .check(check("min_debt_yield IS NULL OR min_debt_yield > 0"))
                    .check(check(
                        "max_ltv IS NOT NULL OR min_dscr IS NOT NULL OR min_debt_yield IS NOT NULL",
                    ))
                    .check(check("rate >= 0 AND rate < 1"))
                    .check(check(
                        "amortization_years IS NULL OR (amortization_years >= 0 AND amortization_years <= 100)",
                    ))
                    .check(check("io_months >= 0 AND io_months <= 1200"))
                    .check(check("fee_pct >= 0 AND fee_pct < 1"))
                    .check(check("term_years IS NULL OR (term_years > 0 AND term_years <= 100)"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "loan_programs").await?;
        index(manager, "loan_programs", &["tenant_id", "lender", "name"], true).await?;
        secure_tables_init_plan(manager, TABLES).await?;
        // Like every tenant table since 013: a change notifies the response cache and events.
        postgres_only(
            manager,
            "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON loan_programs
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
