//! API integration tests over real HTTP: the edge (authentication, status codes, headers, negotiation,
//! uploads, WebSocket, limits, metrics, caching). Resolver behaviour is tested in tests/resolvers.rs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

/// One module per area, in tests/api/.
mod api {
    mod auth;
    mod comps;
    mod dcf;
    mod documents;
    mod documents_s3;
    mod hardening;
    mod import_text_limits;
    mod jobs;
    mod lease_abstracts;
    mod metrics;
    mod pipeline;
    mod pipeline_children;
    mod pipeline_interrupt;
    mod protection;
    mod rate_limit;
    mod read_only;
    mod response_cache;
    mod subscriptions;
    mod web_app;
}
