//! API integration tests over real HTTP: auth, tenancy, properties, mutations, protection.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod comps;
mod dcf;
#[path = "../support/dcf_graphql.rs"]
mod dcf_graphql;
mod documents;
mod documents_s3;
mod hardening;
mod helpers;
mod import_text_limits;
mod input_limits;
mod metrics;
#[path = "../support/multipart.rs"]
mod multipart;
mod mutations;
mod pipeline;
mod pipeline_children;
mod pipeline_interrupt;
mod pipeline_run_id;
mod properties;
mod protection;
mod rate_limit;
mod read_only;
mod response_cache;
mod subscriptions;
mod tenancy;
