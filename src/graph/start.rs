//! Chooses the graph backend at start-up: with `REOS_NEO4J_URI` the Neo4j store (and the
//! outbox drainer in the background), otherwise the embedded engine.
use super::backend::GraphBackend;
use super::drain;
use super::neo4j::{Neo4jSettings, Neo4jStore};
use crate::config::Settings;
use crate::persistence::Database;
use std::sync::Arc;

/// The backend for the schema; spawns the drainer when it is Neo4j.
pub async fn backend(settings: &Settings, db: &Database) -> anyhow::Result<GraphBackend> {
    let Some(neo) = Neo4jSettings::from_settings(settings) else {
        return Ok(GraphBackend::Embedded);
    };
    let store = Arc::new(Neo4jStore::connect(&neo).await?);
    drain::spawn(db.clone(), store.clone());
    tracing::info!("ownership graph: Neo4j mirror with outbox drainer");
    Ok(GraphBackend::Neo4j(store))
}
