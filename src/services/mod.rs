//! Use cases that orchestrate repositories (and, later, analytics).
pub mod cancel;
pub mod comps;
pub mod dcf_cli;
pub mod documents;
pub mod property_dcf;
pub mod property_import;
pub mod sales_import;
pub mod seed;
pub mod tenants;
pub mod users;
