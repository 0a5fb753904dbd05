//! The tenancy wall in the application: all tenant-owned data is reached through a `TenantTx`,
//! one transaction that (on PostgreSQL) begins with a transaction-local
//! `set_config('app.tenant_id', $1, true)`, so row-level security sees the same tenant.
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement, TransactionTrait,
};
use std::fmt;
use uuid::Uuid;

/// A tenant's id; only built from a tenant row or a verified token's tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TenantId(pub Uuid);

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One request's (or one command's) transaction, bound to one tenant.
pub struct TenantTx {
    txn: DatabaseTransaction,
    tenant: TenantId,
}

impl TenantTx {
    /// Begins the transaction and binds it to `tenant` before any other statement runs.
    pub async fn begin(conn: &DatabaseConnection, tenant: TenantId) -> Result<Self, DbErr> {
        let txn = conn.begin().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config('app.tenant_id', $1, true)",
                [tenant.0.to_string().into()],
            ))
            .await?;
        }
        Ok(Self { txn, tenant })
    }

    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// The connection to run scoped statements on. Repositories add the tenant filter themselves.
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}
