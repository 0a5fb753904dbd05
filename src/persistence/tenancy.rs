//! The tenancy wall in the application: all tenant-owned data is reached through a `TenantTx`,
//! one transaction that (on PostgreSQL) begins with a transaction-local
//! `set_config('app.tenant_id', $1, true)`, so row-level security sees the same tenant.
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
    txn: DatabaseTransaction,
    tenant: TenantId,
    hooks: Hooks,
    /// PostgreSQL and read-only: [`TenantTx::commit`] need not wait for the server.
    deferred_end: bool,
}

impl TenantTx {
    /// Begins the transaction and binds it to `tenant` before any other statement runs.
    pub async fn begin(conn: &DatabaseConnection, tenant: TenantId) -> Result<Self, DbErr> {
        Self::begin_as(conn, tenant, Access::ReadWrite).await
    }

    /// [`TenantTx::begin`] for `access`; a read-only transaction is made so in the statement that
    /// sets the tenant (no extra round trip).
    pub async fn begin_as(conn: &DatabaseConnection, tenant: TenantId, access: Access) -> Result<Self, DbErr> {
        let txn = conn.begin().await?;
        let postgres = txn.get_database_backend() == DbBackend::Postgres;
        if postgres {
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
        Ok(Self {
            txn,
            tenant,
            hooks: Hooks::default(),
            deferred_end: postgres && access == Access::ReadOnly,
        })
    }

    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// The connection to run scoped statements on. Repositories add the tenant filter themselves.
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Runs `hook` once the transaction has ended: with `true` after a successful commit, with
    /// `false` after a rollback, a failed commit, or a drop without either.
    pub fn on_outcome(&self, hook: OutcomeHook) {
        if let Ok(mut hooks) = self.hooks.0.lock() {
            hooks.push(hook);
        }
    }

    /// Commits. A read-only PostgreSQL transaction has nothing to keep (the server refused any
    /// write), so it is not waited for: dropping it queues its end on the connection, and sqlx
    /// sends that with the check it runs as the connection goes back to the pool, one round trip
    /// fewer per request. Outcome hooks still run as after a commit.
    pub async fn commit(self) -> Result<(), DbErr> {
        if self.deferred_end {
            let Self { txn, hooks, .. } = self;
            drop(txn);
            hooks.run(true).await;
            return Ok(());
        }
        let result = self.txn.commit().await;
        self.hooks.run(result.is_ok()).await;
        result
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        let result = self.txn.rollback().await;
        self.hooks.run(false).await;
        result
    }
}
