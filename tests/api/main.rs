//! API integration tests over real HTTP: auth, tenancy, properties, mutations, protection.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod comps;
mod dcf;
mod documents;
mod documents_s3;
mod helpers;
mod mutations;
mod pipeline;
mod properties;
mod protection;
mod tenancy;
