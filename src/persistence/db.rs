//! Connections: the service's pool (PostgreSQL service role, or embedded SQLite), the owner's
//! connection for migrations and administration, and a statement counter for tests and metrics.
use super::pipelined::ReadPool;
use crate::config::Settings;
use anyhow::Context;
use reos_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, DatabaseConnection, DbBackend};
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The service's connections.
#[derive(Clone)]
pub struct Database {
    /// What requests use: on PostgreSQL the RLS-bound service role.
    pub service: DatabaseConnection,
    /// Schema owner: migrations, tenant creation. The same pool on SQLite.
    pub owner: DatabaseConnection,
    /// PostgreSQL without TLS: the pool of the pipelined read-only transactions
    /// (src/persistence/pipelined.rs), same role and URL as `service`.
    reads: Option<ReadPool>,
    statements: Arc<AtomicU64>,
}

impl Database {
    /// Connects both pools; on SQLite creates the data folder and the file.
    pub async fn connect(settings: &Settings) -> anyhow::Result<Self> {
        let statements = Arc::new(AtomicU64::new(0));
        match &settings.database.url {
            Some(url) => {
                let service = connect_url(url.expose_secret(), settings.database.max_connections, &statements).await?;
                let owner = match &settings.database.owner_url {
                    Some(owner) => connect_url(owner.expose_secret(), 2, &Arc::new(AtomicU64::new(0))).await?,
                    None => service.clone(),
                };
                let reads = match ReadPool::new(
                    url.expose_secret(),
                    settings.database.max_connections as usize,
                    statements.clone(),
                ) {
                    Ok(pool) => Some(pool),
                    Err(why) => {
                        tracing::info!(%why, "read-only requests read through the sqlx pool (no pipelined reads)");
                        None
                    }
                };
                Ok(Self {
                    service,
                    owner,
                    reads,
                    statements,
                })
            }
            None => {
                std::fs::create_dir_all(&settings.server.data_dir)
                    .with_context(|| format!("creating data folder {}", settings.server.data_dir.display()))?;
                let url = format!("sqlite://{}?mode=rwc", settings.sqlite_path().display());
                let service = connect_url(&url, settings.database.max_connections, &statements).await?;
                Ok(Self {
                    owner: service.clone(),
                    service,
                    reads: None,
                    statements,
                })
            }
        }
    }

    /// Applies pending migrations as the owner.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        Migrator::up(&self.owner, None).await.context("applying migrations")
    }

    pub fn backend(&self) -> DbBackend {
        self.service.get_database_backend()
    }

    /// The pipelined reads' pool, when there is one.
    pub(crate) fn reads(&self) -> Option<&ReadPool> {
        self.reads.as_ref()
    }

    /// Statements the service pool has executed since start.
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Readiness: the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        self.service.ping().await.is_ok()
    }
}

async fn connect_url(url: &str, max: u32, counter: &Arc<AtomicU64>) -> anyhow::Result<DatabaseConnection> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(max)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        // sqlx pings every connection it hands out: a round trip per request on a busy pool.
        // Only a connection idle this long is checked (a dead one still fails its first
        // statement, which the request reports; the pool then replaces it).
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    let mut conn = sea_orm::Database::connect(opts)
        .await
        .context("connecting to the database")?;
    let counter = counter.clone();
    conn.set_metric_callback(move |_info| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    Ok(conn)
}
