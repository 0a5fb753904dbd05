//! sea-orm migrations of reos: one schema for PostgreSQL and SQLite, plus PostgreSQL row-level security.
//!
//! Applied migrations are never edited; a change is a new file named `mYYYYMMDD_HHMMSS_verb_noun.rs`.

pub use sea_orm_migration::prelude::*;

mod common;
mod m20261128_000001_create_tenants_and_users;
mod m20261128_000002_create_properties_and_owners;
mod m20261128_000003_create_leases_and_unit_mix;
mod m20261128_000004_create_sales;
mod m20261128_000005_create_records;
mod m20261128_000006_enable_row_level_security;
mod m20261128_000007_create_dcf_tables;
mod m20261128_000008_create_pipeline_runs;
mod m20261128_000009_create_hazard_points;
mod m20261128_000010_create_graph_outbox;
mod m20261128_000011_create_offers_and_document_links;
mod m20261128_000012_check_provenance_tenant_per_statement;
mod m20261128_000013_notify_data_changes;
mod m20261128_000014_allow_interrupted_pipeline_runs;
mod m20261206_000015_add_property_parking_spaces;
mod m20261206_000016_notify_graph_outbox_changes;
mod m20261206_000017_rls_policies_init_plan;
mod m20261207_000018_create_loan_programs;
mod m20261207_000019_add_valuation_noi_year1;
mod m20261207_000020_create_market_series;
mod m20261207_000021_create_lease_abstracts;
mod m20261207_000022_create_unit_leases;
mod m20261207_000023_create_jobs;
mod m20261207_000024_create_market_regimes;
mod m20261207_000025_index_properties_listing_order;

pub use common::APP_ROLE;

/// All migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_create_tenants_and_users::Migration),
            Box::new(m20261128_000002_create_properties_and_owners::Migration),
            Box::new(m20261128_000003_create_leases_and_unit_mix::Migration),
            Box::new(m20261128_000004_create_sales::Migration),
            Box::new(m20261128_000005_create_records::Migration),
            Box::new(m20261128_000006_enable_row_level_security::Migration),
            Box::new(m20261128_000007_create_dcf_tables::Migration),
            Box::new(m20261128_000008_create_pipeline_runs::Migration),
            Box::new(m20261128_000009_create_hazard_points::Migration),
            Box::new(m20261128_000010_create_graph_outbox::Migration),
            Box::new(m20261128_000011_create_offers_and_document_links::Migration),
            Box::new(m20261128_000012_check_provenance_tenant_per_statement::Migration),
            Box::new(m20261128_000013_notify_data_changes::Migration),
            Box::new(m20261128_000014_allow_interrupted_pipeline_runs::Migration),
            Box::new(m20261206_000015_add_property_parking_spaces::Migration),
            Box::new(m20261206_000016_notify_graph_outbox_changes::Migration),
            Box::new(m20261206_000017_rls_policies_init_plan::Migration),
            Box::new(m20261207_000018_create_loan_programs::Migration),
            Box::new(m20261207_000019_add_valuation_noi_year1::Migration),
            Box::new(m20261207_000020_create_market_series::Migration),
            Box::new(m20261207_000021_create_lease_abstracts::Migration),
            Box::new(m20261207_000022_create_unit_leases::Migration),
            Box::new(m20261207_000023_create_jobs::Migration),
            Box::new(m20261207_000024_create_market_regimes::Migration),
            Box::new(m20261207_000025_index_properties_listing_order::Migration),
        ]
    }
}
