//! sea-orm entities of reos, one table a file. API types live in the app's `graphql/types`, not here.
//!
//! Every tenant-owned table has a `tenant_id` column; `TENANT_OWNED_TABLES` lists them so the
//! migrations (row-level security) and the tests (isolation) iterate one authoritative list.

pub mod audit_event;
pub mod dcf_assumption;
pub mod document;
pub mod enums;
pub mod field_provenance;
pub mod graph_outbox;
pub mod hazard_point;
pub mod job;
pub mod lease;
pub mod lease_abstract;
pub mod loan;
pub mod loan_program;
pub mod market_leasing_profile;
pub mod market_regime;
pub mod market_series;
pub mod offer;
pub mod operating_expense;
pub mod owner;
pub mod pipeline_gate_result;
pub mod pipeline_run;
pub mod property;
pub mod property_attributes;
pub mod property_hazard;
pub mod property_ownership;
pub mod sale;
pub mod tenant;
pub mod unit_lease;
pub mod unit_mix;
pub mod user;
pub mod valuation;

/// Tables whose rows belong to one tenant (all but `tenants`).
pub const TENANT_OWNED_TABLES: &[&str] = &[
    "users",
    "properties",
    "owners",
    "property_ownership",
    "leases",
    "unit_mix",
    "sales",
    "property_hazards",
    "documents",
    "valuations",
    "field_provenance",
    "audit_events",
    "operating_expenses",
    "market_leasing_profiles",
    "loans",
    "dcf_assumptions",
    "pipeline_runs",
    "pipeline_gate_results",
    "hazard_points",
    "graph_outbox",
    "offers",
    "loan_programs",
    "market_series",
    "lease_abstracts",
    "unit_leases",
    "jobs",
    "market_regimes",
];
