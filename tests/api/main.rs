//! API integration tests over real HTTP: auth, tenancy, properties, mutations, protection.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod comps;
mod dcf;
mod documents;
mod documents_s3;
mod helpers;
mod metrics;
mod mutations;
mod pipeline;
mod pipeline_children;
mod properties;
mod protection;
mod rate_limit;
mod response_cache;
mod subscriptions;
mod tenancy;
