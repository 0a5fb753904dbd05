//! The use cases: every read and write the API, the CLI and the importers perform. Each takes
//! the tenant transaction (and, for writes, the acting [`caller::Caller`]) plus plain input
//! types, does the whole job (validation, writes, audit, provenance, graph outbox, events) and
//! returns entities or an [`crate::error::ApiError`]. Nothing here knows GraphQL or HTTP.
pub mod caller;
pub mod cancel;
pub mod comps;
pub mod dcf_run;
pub mod dcf_terms;
pub mod deal_sizing;
pub mod documents;
pub mod graph;
pub mod hazards;
pub mod import_gate;
pub mod jobs;
pub mod lease_abstracts;
pub mod leases;
pub mod loan_programs;
pub mod lookup;
pub mod market;
pub mod offers;
pub mod owners;
pub mod pipeline_runs;
pub mod portfolio;
pub mod properties;
pub mod property_dcf;
pub mod property_import;
pub mod rent_roll;
pub mod sales;
pub mod sales_import;
pub mod seed;
pub mod stored_dcf;
pub mod tenants;
pub mod unit_leases;
pub mod users;
pub mod valuations;
