//! Use cases that orchestrate repositories (and, later, analytics).
pub mod seed;
pub mod tenants;
