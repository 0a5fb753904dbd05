//! The ownership graph (issue #7, docs/graph.md): owners, properties, lease tenants (companies)
//! and lenders as one graph per tenant, behind the [`GraphStore`] interface with two engines —
//! [`EmbeddedGraph`] (petgraph, built in-process from the relational tables of one tenant) and
//! [`Neo4jStore`] (neo4rs, Cypher over Bolt 4) — plus the transactional outbox that mirrors writes
//! to Neo4j and the drainer that empties it.
pub mod algo;
pub mod backend;
pub mod drain;
pub mod embedded;
pub mod error;
pub mod load;
pub mod model;
pub mod neo4j;
pub mod outbox;
pub mod resolve;
pub mod start;
pub mod store;

pub use backend::GraphBackend;
pub use embedded::EmbeddedGraph;
pub use error::GraphError;
pub use model::*;
pub use neo4j::{Neo4jSettings, Neo4jStore};
pub use store::{GraphStore, MAX_NETWORK_DEPTH};
