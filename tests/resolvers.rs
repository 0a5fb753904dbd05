//! Resolver behaviour through `schema.execute()` in a tenant transaction, on SQLite and
//! PostgreSQL, with no HTTP server (the `api` crate keeps the HTTP edge).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

/// The harness, its helpers and one module per area, in tests/resolvers/.
mod resolvers {
    pub mod harness;

    mod attributes;
    mod comps;
    mod dcf;
    mod deal;
    mod input_limits;
    mod market;
    mod mutations;
    mod pipeline;
    mod pipeline_children;
    mod pipeline_run_id;
    mod portfolio;
    mod properties;
    mod rent_roll;
    mod tenancy;
}
