//! Creates the stored DCF inputs of a property (docs/dcf.md): `operating_expenses`,
//! `market_leasing_profiles`, `loans` (one per property) and `dcf_assumptions` (one per property),
//! each tenant-owned and, on PostgreSQL, under the same grants and row-level security as the rest.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &[
    "operating_expenses",
    "market_leasing_profiles",
    "loans",
    "dcf_assumptions",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `col > -1 AND col < 1` (a growth rate or discount rate, docs/dcf.md).
fn rate(col: &str) -> Expr {
    check(&format!("{col} > -1 AND {col} < 1"))
}

fn share(col: &str) -> Expr {
    check(&format!("{col} >= 0 AND {col} <= 1"))
}

fn non_negative(col: &str) -> Expr {
    check(&format!("{col} >= 0"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("operating_expenses")
                    .col(uuid("property_id"))
                    .col(string("name"))
                    .col(double("annual"))
                    .col(boolean("recoverable"))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut tenant_fk("operating_expenses", "property_id", "properties"))
                    .check(non_negative("annual"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "operating_expenses").await?;
        index(manager, "operating_expenses", &["tenant_id", "property_id"], false).await?;

        manager
            .create_table(
                tenant_table("market_leasing_profiles")
                    .col(uuid("property_id"))
                    .col(string("name"))
                    .col(double("market_rent_psf"))
                    .col(double("term_years"))
                    .col(double("renewal_probability"))
                    .col(integer("downtime_months"))
                    .col(integer("free_rent_new_months"))
                    .col(integer("free_rent_renewal_months"))
                    .col(double("ti_new_psf"))
                    .col(double("ti_renewal_psf"))
                    .col(double("lc_new_pct"))
                    .col(double("lc_renewal_pct"))
                    .col(double("escalation_pct"))
                    .col(string("recovery"))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut tenant_fk("market_leasing_profiles", "property_id", "properties"))
                    .check(non_negative("market_rent_psf"))
                    .check(check("term_years > 0 AND term_years <= 100"))
                    .check(share("renewal_probability"))
                    .check(check(
                        "downtime_months >= 0 AND free_rent_new_months >= 0 AND free_rent_renewal_months >= 0",
                    ))
                    .check(check("ti_new_psf >= 0 AND ti_renewal_psf >= 0"))
                    .check(share("lc_new_pct"))
                    .check(share("lc_renewal_pct"))
                    .check(rate("escalation_pct"))
                    .check(check("recovery IN ('nnn','base_year','gross')"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "market_leasing_profiles").await?;
        index(
            manager,
            "market_leasing_profiles",
            &["tenant_id", "property_id", "name"],
            true,
        )
        .await?;

        manager
            .create_table(
                tenant_table("loans")
                    .col(uuid("property_id"))
                    .col(double_null("amount"))
                    .col(double_null("ltv"))
                    .col(double("rate"))
                    .col(double("amortization_years"))
                    .col(integer("io_months"))
                    .col(double("fee_pct"))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut tenant_fk("loans", "property_id", "properties"))
                    .check(check("(amount IS NULL) <> (ltv IS NULL)"))
                    .check(check("amount IS NULL OR amount > 0"))
                    .check(check("ltv IS NULL OR (ltv > 0 AND ltv <= 1)"))
                    .check(rate("rate"))
                    .check(check("amortization_years > 0 AND amortization_years <= 100"))
                    .check(non_negative("io_months"))
                    .check(share("fee_pct"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "loans").await?;
        index(manager, "loans", &["tenant_id", "property_id"], true).await?;

        manager
            .create_table(
                tenant_table("dcf_assumptions")
                    .col(uuid("property_id"))
                    .col(date("analysis_start"))
                    .col(integer("hold_years"))
                    .col(double("discount_rate"))
                    .col(double_null("equity_discount_rate"))
                    .col(double("exit_cap_rate"))
                    .col(double("selling_cost_pct"))
                    .col(double("closing_cost_pct"))
                    .col(double("market_rent_growth"))
                    .col(double("expense_growth"))
                    .col(double("general_vacancy_pct"))
                    .col(double("other_income_annual"))
                    .col(double("management_fee_pct"))
                    .col(double("capital_reserve_annual"))
                    .col(integer_null("turnover_months"))
                    .col(double("concessions_pct"))
                    .col(double("bad_debt_pct"))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut tenant_fk("dcf_assumptions", "property_id", "properties"))
                    .check(check("hold_years >= 1 AND hold_years <= 30"))
                    .check(rate("discount_rate"))
                    .check(check(
                        "equity_discount_rate IS NULL OR (equity_discount_rate > -1 AND equity_discount_rate < 1)",
                    ))
                    .check(check("exit_cap_rate > 0 AND exit_cap_rate < 1"))
                    .check(share("selling_cost_pct"))
                    .check(share("closing_cost_pct"))
                    .check(rate("market_rent_growth"))
                    .check(rate("expense_growth"))
                    .check(share("general_vacancy_pct"))
                    .check(non_negative("other_income_annual"))
                    .check(share("management_fee_pct"))
                    .check(non_negative("capital_reserve_annual"))
                    .check(check("turnover_months IS NULL OR turnover_months >= 1"))
                    .check(share("concessions_pct"))
                    .check(share("bad_debt_pct"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "dcf_assumptions").await?;
        index(manager, "dcf_assumptions", &["tenant_id", "property_id"], true).await?;

        secure_tables(manager, TABLES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, TABLES).await
    }
}
