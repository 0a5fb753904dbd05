//! Helpers shared by the integration-test crates; a crate loads them with `mod support;`.
// Every test crate compiles this whole tree but each uses a different part of it, so what one
// crate leaves unused is not dead code.
#![allow(dead_code)]

/// The `reos` binary run as a user runs it.
pub mod cli;
/// A DCF input in the engine's JSON turned into the GraphQL `DcfInput` shape.
pub mod dcf_graphql;
/// GraphQL multipart request bodies.
pub mod multipart;
/// Node.js and a test's npm packages.
pub mod node;
/// The real `reos serve` binary as a child process.
pub mod server;
/// Skipping a test whose tool or server is missing, loudly.
pub mod skip;

/// Table snapshots for "wrote nothing" checks.
pub mod snapshot;
/// An in-process server with its own fresh database per test (SQLite or PostgreSQL).
pub mod test_app;
/// GraphQL over WebSocket, as a client.
pub mod ws;
