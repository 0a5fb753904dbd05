//! The Neo4j engine (neo4rs 0.8, Bolt 4.0/4.1): connection settings, a timeout around every
//! call, the tenant sync ([`sync`]) and the queries ([`read`]). Every node and relationship
//! carries `tenant_id` and every statement filters on the `$tenant` parameter ([`cypher`]).
pub mod cypher;
pub mod read;
pub mod sync;

use super::error::GraphError;
use neo4rs::{ConfigBuilder, Graph, Query, Row};
use secrecy::{ExposeSecret, SecretString};
use std::future::Future;
use std::time::Duration;

/// Where the Neo4j mirror is (`REOS_NEO4J_*`).
#[derive(Clone, Debug)]
pub struct Neo4jSettings {
    /// `bolt://host:7687` or `neo4j://…` (`neo4j+s://` for TLS).
    pub uri: String,
    pub user: String,
    pub password: SecretString,
    /// Database name; None: the driver's default, `neo4j`.
    pub database: Option<String>,
}

/// A connection pool to one Neo4j database.
pub struct Neo4jStore {
    graph: Graph,
    timeout: Duration,
}

/// Seconds any one Neo4j call may take before it is abandoned.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

impl Neo4jStore {
    /// Builds the pool; connections are opened lazily, so this succeeds without a server.
    pub async fn connect(s: &Neo4jSettings) -> Result<Self, GraphError> {
        // neo4rs builds its TLS config (`neo4j+s://`) from rustls's process default, which is
        // ambiguous with both ring (neo4rs) and aws-lc-rs (ours) compiled in: name ours. An
        // error only means a default is installed already.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let mut b = ConfigBuilder::default()
            .uri(s.uri.as_str())
            .user(s.user.as_str())
            .password(s.password.expose_secret())
            .max_connections(4);
        if let Some(db) = &s.database {
            b = b.db(db.as_str());
        }
        let graph = Graph::connect(b.build()?).await?;
        Ok(Self {
            graph,
            timeout: CALL_TIMEOUT,
        })
    }

    /// The same store with another per-call timeout (tests use short ones).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    async fn timed<T>(&self, f: impl Future<Output = Result<T, GraphError>>) -> Result<T, GraphError> {
        tokio::time::timeout(self.timeout, f)
            .await
            .map_err(|_| GraphError::Timeout(self.timeout.as_secs()))?
    }

    /// Runs a read statement in an explicit transaction and collects its rows. Not
    /// `Graph::execute`: that retries a refused connection for up to a minute, while a query
    /// should fail fast (and the drainer has its own backoff).
    async fn rows(&self, q: Query) -> Result<Vec<Row>, GraphError> {
        self.timed(async {
            let mut txn = self.graph.start_txn().await?;
            let mut stream = txn.execute(q).await?;
            let mut out = Vec::new();
            while let Some(row) = stream.next(txn.handle()).await? {
                out.push(row);
            }
            txn.commit().await?;
            Ok(out)
        })
        .await
    }

    /// Creates the tenant index if it is missing (idempotent; run once before the first sync).
    pub async fn ensure_schema(&self) -> Result<(), GraphError> {
        self.timed(async {
            let mut txn = self.graph.start_txn().await?;
            txn.run(neo4rs::query(cypher::CREATE_INDEX)).await?;
            txn.commit().await?;
            Ok(())
        })
        .await
    }
}

impl Neo4jSettings {
    /// The mirror's settings, when `neo4j_uri` is set (the password defaults to empty).
    pub fn from_settings(s: &crate::config::Settings) -> Option<Self> {
        Some(Self {
            uri: s.graph.uri.clone()?,
            user: s.graph.user.clone(),
            password: s.graph.password.clone().unwrap_or_else(|| SecretString::from("")),
            database: s.graph.database.clone(),
        })
    }
}
