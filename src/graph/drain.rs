//! The outbox drainer: for each tenant with due `graph_outbox` rows it rebuilds the tenant's
//! Neo4j graph from a snapshot read in the same transaction, then deletes exactly the rows it
//! saw. A failure leaves the rows, counts the attempt and pushes `next_attempt_at` back
//! (2^attempts seconds, at most 5 minutes). Runs in the background only when Neo4j is configured.
use super::error::GraphError;
use super::load;
use super::neo4j::Neo4jStore;
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId, TenantTx};
use reos_entities::{graph_outbox, tenant};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;
use uuid::Uuid;

/// How often the background task looks for due rows.
pub const POLL: Duration = Duration::from_secs(2);
/// Longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// Rows taken per tenant and round (a drain re-syncs the whole tenant anyway).
const TAKE: u64 = 10_000;

/// Delay before the next attempt after `attempts` failures.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(0, 16)).unwrap_or(16);
    Duration::from_secs(1u64 << exp).min(MAX_BACKOFF)
}

/// What one drain of one tenant did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drained {
    /// No due rows (or another instance holds the tenant).
    Nothing,
    /// Synced; this many rows deleted.
    Synced(usize),
    /// Sync failed; this many rows rescheduled.
    Failed(usize),
}

/// Drains one tenant once.
#[tracing::instrument(skip_all, fields(tenant = %tenant))]
pub async fn drain_tenant(db: &Database, store: &Neo4jStore, tenant: TenantId) -> Result<Drained, GraphError> {
    let tx = TenantTx::begin(&db.service, tenant).await?;
    if tx.backend() == DbBackend::Postgres {
        // One drainer per tenant at a time (several service instances): a transaction-level
        // advisory lock, released at commit.
        let row = tx
            .conn()
            .await?
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7)) AS locked",
                [tenant.uuid().to_string().into()],
            ))
            .await?;
        if !row
            .map(|r| r.try_get::<bool>("", "locked"))
            .transpose()?
            .unwrap_or(false)
        {
            return Ok(Drained::Nothing);
        }
    }
    let now = chrono::Utc::now();
    let oldest: Option<Option<chrono::DateTime<chrono::Utc>>> = graph_outbox::Entity::find()
        .select_only()
        .column_as(graph_outbox::Column::CreatedAt.min(), "oldest")
        .filter(graph_outbox::Column::TenantId.eq(tenant.uuid()))
        .into_tuple()
        .one(tx.conn().await?)
        .await?;
    if let Some(Some(t)) = oldest {
        ROUND_LAG_SECS.fetch_max((now - t).num_seconds().max(0), Ordering::SeqCst);
    }
    let due: Vec<graph_outbox::Model> = graph_outbox::Entity::find()
        .filter(graph_outbox::Column::TenantId.eq(tenant.uuid()))
        .filter(graph_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(graph_outbox::Column::Id)
        .limit(TAKE)
        .all(tx.conn().await?)
        .await?;
    if due.is_empty() {
        tx.rollback().await?;
        return Ok(Drained::Nothing);
    }
    let ids: Vec<Uuid> = due.iter().map(|r| r.id).collect();
    let result = match load::snapshot(&tx).await {
        Ok(s) => store.replace_tenant(&s).await,
        Err(e) => Err(e.into()),
    };
    let outcome = match result {
        Ok(()) => {
            graph_outbox::Entity::delete_many()
                .filter(graph_outbox::Column::TenantId.eq(tenant.uuid()))
                .filter(graph_outbox::Column::Id.is_in(ids.clone()))
                .exec(tx.conn().await?)
                .await?;
            tracing::info!(rows = ids.len(), "graph mirror synced");
            Drained::Synced(ids.len())
        }
        Err(e) => {
            tracing::warn!(code = e.code(), error = %e, rows = ids.len(), "graph mirror sync failed; will retry");
            for row in &due {
                let attempts = row.attempts.saturating_add(1);
                let next = now + chrono::Duration::from_std(backoff(attempts)).unwrap_or(chrono::Duration::MAX);
                graph_outbox::Entity::update_many()
                    .col_expr(graph_outbox::Column::Attempts, Expr::value(attempts))
                    .col_expr(graph_outbox::Column::NextAttemptAt, Expr::value(next))
                    .col_expr(graph_outbox::Column::LastError, Expr::value(e.code()))
                    .filter(graph_outbox::Column::TenantId.eq(tenant.uuid()))
                    .filter(graph_outbox::Column::Id.eq(row.id))
                    .exec(tx.conn().await?)
                    .await?;
            }
            Drained::Failed(ids.len())
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// The age of the oldest outbox row any tenant had at the start of its drain, this round.
static ROUND_LAG_SECS: AtomicI64 = AtomicI64::new(0);

/// One round over all tenants; errors of one tenant do not stop the others. Sets
/// `reos_graph_outbox_lag_seconds` to the age of the oldest row waiting at the start of a
/// tenant's drain (0 when none waited).
pub async fn drain_all(db: &Database, store: &Neo4jStore) -> Result<(), DbErr> {
    ROUND_LAG_SECS.store(0, Ordering::SeqCst);
    let all: Vec<tenant::Model> = tenant::Entity::find().all(&db.service).await?;
    for t in all {
        if let Err(e) = drain_tenant(db, store, TenantId::from_row(&t)).await {
            tracing::warn!(tenant = %t.id, code = e.code(), error = %e, "graph outbox drain failed");
        }
    }
    if let Some(m) = crate::telemetry::metrics::get() {
        m.graph_outbox_lag.set(ROUND_LAG_SECS.load(Ordering::SeqCst));
    }
    Ok(())
}

/// Starts the background drainer (call only with Neo4j configured). Each round first makes sure
/// the tenant index exists (until that succeeds once), then drains every tenant; a server that is
/// down shows up as failed attempts with backoff on the outbox rows.
pub fn spawn(db: Database, store: Arc<Neo4jStore>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut schema_ready = false;
        let mut tick = tokio::time::interval(POLL);
        loop {
            tick.tick().await;
            if !schema_ready {
                match store.ensure_schema().await {
                    Ok(()) => schema_ready = true,
                    Err(e) => tracing::warn!(code = e.code(), error = %e, "neo4j index not ensured yet"),
                }
            }
            if let Err(e) = drain_all(&db, &store).await {
                tracing::warn!(error = %e, "graph outbox round failed");
            }
        }
    })
}

/// `reos graph sync --tenant SLUG`: rebuilds one tenant's Neo4j graph and clears its outbox rows.
pub async fn full_sync(db: &Database, store: &Neo4jStore, slug: &str) -> anyhow::Result<(usize, usize)> {
    use anyhow::Context;
    let t = tenants::by_slug(&db.service, slug)
        .await?
        .with_context(|| format!("no tenant {slug}"))?;
    store.ensure_schema().await?;
    let tx = TenantTx::begin(&db.service, TenantId::from_row(&t)).await?;
    let started = chrono::Utc::now();
    let snapshot = load::snapshot(&tx).await?;
    store.replace_tenant(&snapshot).await?;
    // Rows written after the snapshot was read stay for the drainer.
    graph_outbox::Entity::delete_many()
        .filter(graph_outbox::Column::TenantId.eq(t.id))
        .filter(graph_outbox::Column::CreatedAt.lte(started))
        .exec(tx.conn().await?)
        .await?;
    tx.commit().await?;
    Ok((snapshot.owners.len(), snapshot.properties.len()))
}
