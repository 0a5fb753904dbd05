//! The graph boundary's error enum, with stable codes; messages never carry credentials.
use thiserror::Error;

#[derive(Debug, Error)]
pub enum GraphError {
    /// Reading the relational tables failed.
    #[error("graph snapshot: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// The Neo4j server refused or failed a statement, or could not be reached.
    #[error("neo4j: {0}")]
    Neo4j(String),
    /// A Neo4j call took longer than the configured timeout.
    #[error("neo4j: no answer within {0} s")]
    Timeout(u64),
    /// A record from Neo4j did not have the expected shape.
    #[error("neo4j record: {0}")]
    Mapping(String),
    /// Bad input (the field is named).
    #[error("{field}: {message}")]
    BadInput { field: &'static str, message: String },
}

impl GraphError {
    /// Stable SCREAMING_SNAKE code, logged and used by the outbox's `last_error`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Database(_) => "GRAPH_DATABASE",
            Self::Neo4j(_) => "GRAPH_NEO4J",
            Self::Timeout(_) => "GRAPH_TIMEOUT",
            Self::Mapping(_) => "GRAPH_MAPPING",
            Self::BadInput { .. } => "BAD_USER_INPUT",
        }
    }
}

impl From<neo4rs::Error> for GraphError {
    fn from(e: neo4rs::Error) -> Self {
        Self::Neo4j(e.to_string())
    }
}

impl From<neo4rs::DeError> for GraphError {
    fn from(e: neo4rs::DeError) -> Self {
        Self::Mapping(e.to_string())
    }
}
