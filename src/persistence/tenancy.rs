//! The tenancy wall in the application: all tenant-owned data is reached through a `TenantTx`,
//! one transaction that (on PostgreSQL) begins with a transaction-local
//! `set_config('app.tenant_id', $1, true)`, so row-level security sees the same tenant. A request
//! of queries only may also read through a pipelined read-only transaction on its own
//! connection, opened the same way (src/persistence/pipelined.rs).
use super::Database;
use super::pipelined::ReadTx;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement, TransactionTrait,
};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use uuid::Uuid;

/// A tenant's id. The field is private, so holding a `TenantId` means the tenant was looked up:
/// the only constructor takes a row of `tenants` ([`TenantId::from_row`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TenantId(Uuid);

impl TenantId {
    /// The id of a tenant row read from (or just inserted into) the `tenants` table. Who uses it:
    /// the request path once a verified token's tenant claim has been resolved to its row
    /// (`AppState::tenant`), the command line after looking up `--tenant`, the graph drainer as it
    /// walks the tenants table, the demo seed with the tenant it just created, and tests with
    /// the tenant they created. Never build a `tenant::Model` by hand to get one.
    pub fn from_row(tenant: &reos_entities::tenant::Model) -> Self {
        Self(tenant.id)
    }

    /// The tenant's UUID (the `tenant_id` column value).
    pub fn uuid(self) -> Uuid {
        self.0
    }

    /// Unit tests only (compiled out of every other build): a tenant id with no row behind it,
    /// for code that never reaches the database (caches, key prefixes, event fan-out).
    #[cfg(test)]
    pub(crate) fn for_tests(id: Uuid) -> Self {
        Self(id)
    }
}

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Work outside the database that must follow the transaction's fate (e.g. removing an uploaded
/// object when the row that points at it was rolled back). Called with `true` after a commit.
pub type OutcomeHook = Box<dyn FnOnce(bool) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

/// Hooks still pending; any left when the transaction is dropped unfinished run as a rollback.
#[derive(Default)]
struct Hooks(Mutex<Vec<OutcomeHook>>);

impl Hooks {
    fn take(&self) -> Vec<OutcomeHook> {
        self.0.lock().map(|mut h| std::mem::take(&mut *h)).unwrap_or_default()
    }

    async fn run(&self, committed: bool) {
        for hook in self.take() {
            hook(committed).await;
        }
    }
}

impl Drop for Hooks {
    fn drop(&mut self) {
        let left = self.take();
        if left.is_empty() {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(async move {
                    for hook in left {
                        hook(false).await;
                    }
                });
            }
            Err(_) => tracing::warn!(
                hooks = left.len(),
                "transaction dropped outside a runtime; hooks not run"
            ),
        }
    }
}

/// What a transaction may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Reads only: PostgreSQL refuses any write in it (`transaction_read_only`).
    ReadOnly,
}

/// One request's (or one command's) transaction, bound to one tenant.
pub struct TenantTx {
    /// The sea-orm transaction: begun with the `TenantTx`, or (a read-only request with pipelined
    /// reads) when a statement first needs it.
    txn: tokio::sync::OnceCell<DatabaseTransaction>,
    /// Where a transaction begun on first use comes from.
    lazy: Option<DatabaseConnection>,
    backend: DbBackend,
    /// PostgreSQL, read-only and a read pool: the hot reads' pipelined transaction.
    reads: Option<ReadTx>,
    tenant: TenantId,
    hooks: Hooks,
    /// PostgreSQL and read-only: [`TenantTx::commit`] need not wait for the server.
    deferred_end: bool,
}

/// Begins a sea-orm transaction and binds it to `tenant` before any other statement runs; a
/// read-only one is made so in the statement that sets the tenant (no extra round trip).
async fn open(conn: &DatabaseConnection, tenant: TenantId, access: Access) -> Result<DatabaseTransaction, DbErr> {
    let txn = conn.begin().await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        let sql = match access {
            Access::ReadWrite => "SELECT set_config('app.tenant_id', $1, true)",
            Access::ReadOnly => {
                "SELECT set_config('app.tenant_id', $1, true), set_config('transaction_read_only', 'on', true)"
            }
        };
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [tenant.uuid().to_string().into()],
        ))
        .await?;
    }
    Ok(txn)
}

impl TenantTx {
    /// Begins the transaction and binds it to `tenant` before any other statement runs.
    pub async fn begin(conn: &DatabaseConnection, tenant: TenantId) -> Result<Self, DbErr> {
        Self::begin_as(conn, tenant, Access::ReadWrite).await
    }

    /// [`TenantTx::begin`] for `access`.
    pub async fn begin_as(conn: &DatabaseConnection, tenant: TenantId, access: Access) -> Result<Self, DbErr> {
        let txn = open(conn, tenant, access).await?;
        let backend = txn.get_database_backend();
        Ok(Self {
            txn: tokio::sync::OnceCell::new_with(Some(txn)),
            lazy: None,
            backend,
            reads: None,
            tenant,
            hooks: Hooks::default(),
            deferred_end: backend == DbBackend::Postgres && access == Access::ReadOnly,
        })
    }

    /// A read-only transaction for a request of queries only. With a read pool (PostgreSQL
    /// without TLS) the hot reads are pipelined ([`super::pipelined`]) and the sea-orm transaction
    /// begins only if some other statement needs it; otherwise as [`TenantTx::begin_as`].
    pub async fn begin_read(db: &Database, tenant: TenantId) -> Result<Self, DbErr> {
        let Some(pool) = db.reads() else {
            return Self::begin_as(&db.service, tenant, Access::ReadOnly).await;
        };
        Ok(Self {
            txn: tokio::sync::OnceCell::new(),
            lazy: Some(db.service.clone()),
            backend: DbBackend::Postgres,
            reads: Some(pool.begin(tenant).await?),
            tenant,
            hooks: Hooks::default(),
            deferred_end: true,
        })
    }

    /// Whether the hot reads of this transaction are pipelined.
    pub fn pipelined(&self) -> bool {
        self.reads.is_some()
    }

    /// Why the pipelined reads' transaction could not be opened, once that is known. Its opening
    /// is not waited for, so a dead connection shows only when a read fails; the request path
    /// then answers as for a transaction that could not begin.
    pub fn open_failed(&self) -> Option<String> {
        self.reads.as_ref().and_then(ReadTx::open_failed)
    }

    /// The pipelined reads of this transaction, when it has them.
    pub(crate) fn reads(&self) -> Option<&ReadTx> {
        self.reads.as_ref()
    }

    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// The connection to run scoped statements on (the transaction begins here when it was
    /// left for first use). Repositories add the tenant filter themselves.
    pub async fn conn(&self) -> Result<&DatabaseTransaction, DbErr> {
        self.txn
            .get_or_try_init(|| async {
                match &self.lazy {
                    Some(conn) => open(conn, self.tenant, Access::ReadOnly).await,
                    None => Err(DbErr::Custom("the transaction has no connection".into())),
                }
            })
            .await
    }

    /// Runs `hook` once the transaction has ended: with `true` after a successful commit, with
    /// `false` after a rollback, a failed commit, or a drop without either.
    pub fn on_outcome(&self, hook: OutcomeHook) {
        if let Ok(mut hooks) = self.hooks.0.lock() {
            hooks.push(hook);
        }
    }

    /// Commits. A read-only PostgreSQL transaction has nothing to keep (the server refused any
    /// write), so it is not waited for: dropping it queues its end on the connection (sqlx sends
    /// that with the check it runs as the connection goes back to the pool; the pipelined reads
    /// queue a ROLLBACK), one round trip fewer per request. Outcome hooks still run as after a
    /// commit.
    pub async fn commit(self) -> Result<(), DbErr> {
        let Self {
            txn,
            hooks,
            deferred_end,
            reads,
            ..
        } = self;
        drop(reads);
        let result = match txn.into_inner() {
            Some(txn) if !deferred_end => txn.commit().await,
            _ => Ok(()),
        };
        hooks.run(result.is_ok()).await;
        result
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        let Self { txn, hooks, reads, .. } = self;
        drop(reads);
        let result = match txn.into_inner() {
            Some(txn) => txn.rollback().await,
            None => Ok(()),
        };
        hooks.run(false).await;
        result
    }
}
