//! `reos graph sync --tenant SLUG`: rebuilds a tenant's Neo4j mirror of the ownership graph
//! from the relational tables (also clears the tenant's outbox rows it covered).
use crate::config::Settings;
use crate::graph::drain;
use crate::graph::neo4j::{Neo4jSettings, Neo4jStore};
use crate::persistence::Database;
use anyhow::Context;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum GraphCommand {
    /// Rebuild one tenant's graph in Neo4j (needs REOS_NEO4J_URI).
    Sync {
        #[arg(long)]
        tenant: String,
    },
}

pub async fn run(cmd: GraphCommand, settings: &Settings) -> anyhow::Result<()> {
    match cmd {
        GraphCommand::Sync { tenant } => {
            let neo = Neo4jSettings::from_settings(settings)
                .context("REOS_NEO4J_URI is not set: without Neo4j the embedded graph needs no sync")?;
            let db = Database::connect(settings).await?;
            db.migrate().await?;
            let store = Neo4jStore::connect(&neo).await?;
            let started = std::time::Instant::now();
            let (owners, properties) = drain::full_sync(&db, &store, &tenant).await?;
            println!(
                "synced tenant {tenant}: {owners} owners, {properties} properties in {:.2} s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}
