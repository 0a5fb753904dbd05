//! The graph section: the optional Neo4j mirror of the ownership graph. On the wire the keys keep
//! their `neo4j_` prefix (`neo4j_uri`, `REOS_NEO4J_URI`).
use super::redacted;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

/// Where the Neo4j mirror is; with no URI the embedded graph engine answers and no outbox rows are
/// written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphSettings {
    /// Bolt URI of the Neo4j mirror (`neo4j_uri`, `REOS_NEO4J_URI`).
    #[serde(rename = "neo4j_uri")]
    pub uri: Option<String>,
    /// Neo4j user (`neo4j_user`, `REOS_NEO4J_USER`).
    #[serde(rename = "neo4j_user")]
    pub user: String,
    /// Neo4j password (`neo4j_password`, `REOS_NEO4J_PASSWORD`).
    #[serde(rename = "neo4j_password", serialize_with = "redacted")]
    pub password: Option<SecretString>,
    /// Neo4j database (`neo4j_database`, `REOS_NEO4J_DATABASE`); unset: the server's default, `neo4j`.
    #[serde(rename = "neo4j_database")]
    pub database: Option<String>,
}

impl Default for GraphSettings {
    fn default() -> Self {
        Self {
            uri: None,
            user: "neo4j".into(),
            password: None,
            database: None,
        }
    }
}
