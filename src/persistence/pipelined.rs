//! Read-only request transactions on PostgreSQL, pipelined over tokio-postgres. sqlx (under
//! sea-orm) waits for each statement's answer before sending the next, so a read-only request paid
//! a round trip for BEGIN, one for the tenant setting and one per read. Here the transaction's
//! opening (`BEGIN READ ONLY` and the transaction-local tenant) is written to the connection when
//! the transaction is made, each read is written as soon as it is asked for (concurrent reads go
//! out together), and the end (ROLLBACK) is queued without waiting: a one-page request waits for
//! the database once. Every statement, the opening and the end included, is prepared once per
//! connection and cached.
//!
//! The tenant wall is the same as [`super::TenantTx`]'s: the opening is queued before any read of
//! the transaction, PostgreSQL runs a connection's messages in order, so every read runs after the
//! tenant is set (and a read whose opening failed is answered with that failure, never with rows).
use super::TenantId;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use futures_util::future::{BoxFuture, FutureExt, Shared};
use sea_orm::DbErr;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Waker};
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Row, Statement};

mod params;
pub(crate) use params::Param;

/// Prepared statements kept per connection before its cache is emptied (the hot reads use a
/// handful; statements whose text varies must not grow it without bound).
const STATEMENT_CACHE: usize = 256;

/// The pool the pipelined reads use: the service role's URL, its own connections.
#[derive(Clone)]
pub struct ReadPool {
    pool: Pool,
    statements: Arc<AtomicU64>,
}

impl ReadPool {
    /// A pool for `url` holding up to `max` connections, or why there is none: tokio-postgres is
    /// built here without TLS, so a URL that asks for TLS (`sslmode=require` or stricter) keeps
    /// every read on the sqlx pool, as does a URL tokio-postgres cannot read.
    pub fn new(url: &str, max: usize, statements: Arc<AtomicU64>) -> Result<Self, String> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| format!("tokio-postgres cannot read the database URL: {e}"))?;
        if config.get_ssl_mode() == tokio_postgres::config::SslMode::Require {
            return Err("the database URL requires TLS".into());
        }
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                // A closed connection is dropped; a dead one fails its first statement, which the
                // request reports (as with the sqlx pool).
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(max.max(1))
            .build()
            .map_err(|e| format!("building the read pool: {e}"))?;
        Ok(Self { pool, statements })
    }

    /// Takes a connection and queues the opening of a read-only transaction for `tenant` on it.
    pub async fn begin(&self, tenant: TenantId) -> Result<ReadTx, DbErr> {
        let client = Arc::new(
            self.pool
                .get()
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("read pool: {e}"))))?,
        );
        if client.statement_cache.size() > STATEMENT_CACHE {
            client.statement_cache.clear();
        }
        // Prepared once per connection (a round trip then, none after), and before the opening
        // is sent: nothing of this transaction may be written ahead of its BEGIN.
        let open = client.prepare_cached("BEGIN READ ONLY").await.map_err(db_err)?;
        let set = client
            .prepare_cached("SELECT set_config('app.tenant_id', $1, true)")
            .await
            .map_err(db_err)?;
        let end = client.prepare_cached("ROLLBACK").await.map_err(db_err)?;
        let c = client.clone();
        let tenant = tenant.uuid().to_string();
        let mut opened = async move {
            let tenant: &(dyn ToSql + Sync) = &tenant;
            futures_util::future::try_join(c.execute(&open, &[]), c.execute(&set, &[tenant]))
                .await
                .map(drop)
                .map_err(Arc::new)
        }
        .boxed()
        .shared();
        send_now(&mut opened);
        Ok(ReadTx {
            client,
            opened,
            end,
            statements: self.statements.clone(),
        })
    }
}

type Opened = Shared<BoxFuture<'static, Result<(), Arc<tokio_postgres::Error>>>>;

/// One read-only transaction on one pooled connection. Dropping it queues its end (ROLLBACK: a
/// read-only transaction has nothing to keep) ahead of whatever the connection's next user sends.
pub struct ReadTx {
    client: Arc<Object>,
    opened: Opened,
    /// The prepared ROLLBACK (a drop cannot wait for a statement to be prepared).
    end: Statement,
    statements: Arc<AtomicU64>,
}

impl ReadTx {
    /// The rows of `sql` with `params`, read inside the transaction.
    pub(crate) async fn rows(&self, sql: &str, params: &[Param]) -> Result<Vec<Row>, DbErr> {
        let statement = self.client.prepare_cached(sql).await.map_err(db_err)?;
        self.statements.fetch_add(1, Ordering::Relaxed);
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        let opened = self.opened.clone().map(|r| r.map_err(|e| opening_err(&e)));
        let read = self.client.query(&statement, &refs).map(|r| r.map_err(db_err));
        let ((), rows) = futures_util::future::try_join(opened, read).await?;
        Ok(rows)
    }

    /// Why the transaction is unusable, once that is known: its opening failed, or its
    /// connection closed (a dead connection shows only when it is used).
    pub(crate) fn open_failed(&self) -> Option<String> {
        match self.opened.peek() {
            Some(Err(e)) => Some(e.to_string()),
            _ if self.client.is_closed() => Some("the database connection closed".into()),
            _ => None,
        }
    }
}

impl Drop for ReadTx {
    fn drop(&mut self) {
        let (c, end) = (self.client.clone(), self.end.clone());
        let mut end = Box::pin(async move { c.execute(&end, &[]).await });
        // Queued, not awaited: its answer is read and dropped by the connection.
        send_now(&mut end);
    }
}

/// Polls `fut` once, which makes tokio-postgres write its request to the connection's queue;
/// the answer is awaited (or not) later.
fn send_now<F: Future + Unpin>(fut: &mut F) {
    let mut cx = Context::from_waker(Waker::noop());
    let _ = fut.poll_unpin(&mut cx);
}

fn db_err(e: tokio_postgres::Error) -> DbErr {
    match e.as_db_error() {
        Some(db) => DbErr::Query(sea_orm::RuntimeErr::Internal(format!(
            "{}: {}",
            db.code().code(),
            db.message()
        ))),
        None => DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string())),
    }
}

fn opening_err(e: &tokio_postgres::Error) -> DbErr {
    DbErr::Conn(sea_orm::RuntimeErr::Internal(format!(
        "opening the read transaction: {e}"
    )))
}
