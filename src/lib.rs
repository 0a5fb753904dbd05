//! reos: a GraphQL service over sea-orm with strict tenant isolation and an embedded analytics
//! core (DCF, Comp-Critic). `main.rs` only parses the command line and calls [`cli::run`].
pub mod analytics;
pub mod auth;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod events;
pub mod graph;
pub mod graphql;
pub mod http;
pub mod persistence;
pub mod pipeline;
pub mod ratelimit;
pub mod services;
pub mod startup;
pub mod telemetry;
