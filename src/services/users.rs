//! Users as authentication sees them: a verified token's subject is provisioned as a user of its
//! tenant on first sight, and refused once an admin has deactivated it. "Active" answers are
//! cached per instance for at most [`STATUS_TTL`]; a deactivation made through this instance
//! takes effect at once, one made through another instance within that bound.
use crate::auth::Role;
use crate::persistence::repositories::users;
use crate::persistence::{TenantId, TenantTx};
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// Longest an "active" answer is trusted without asking the database again.
pub const STATUS_TTL: Duration = Duration::from_secs(30);
/// Beyond this many cached answers the cache is emptied (a bound on memory).
const MAX_ENTRIES: usize = 50_000;

/// Whether the caller may go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Active,
    Deactivated,
}

/// Cached user status, keyed by tenant and subject.
#[derive(Default)]
pub struct UserDirectory {
    active: RwLock<HashMap<(TenantId, String), Instant>>,
    /// Bumped by every [`UserDirectory::forget`]: an answer read from the database before a
    /// forget is not cached after it (it may predate the deactivation).
    generation: AtomicU64,
}

impl UserDirectory {
    /// The caller's access: from the cache, or from the `users` row (created when missing; its
    /// role follows the token's).
    pub async fn access(
        &self,
        db: &DatabaseConnection,
        tenant: TenantId,
        subject: &str,
        email: Option<&str>,
        role: Role,
    ) -> Result<Access, DbErr> {
        let key = (tenant, subject.to_owned());
        if let Some(until) = self.active.read().await.get(&key)
            && Instant::now() < *until
        {
            return Ok(Access::Active);
        }
        let generation = self.generation.load(Ordering::SeqCst);
        // Two first requests of one caller may both try to create the row: the loser's insert
        // fails (unique key on PostgreSQL, a busy database on SQLite) and a later try reads the
        // winner's row.
        let mut tries = 0;
        let user = loop {
            match record(db, tenant, subject, email, role).await {
                Ok(u) => break u,
                Err(e) if tries < 3 && retryable(&e) => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(20 * tries)).await;
                }
                Err(e) => return Err(e),
            }
        };
        if !user.active {
            tracing::info!(%tenant, "deactivated user refused");
            return Ok(Access::Deactivated);
        }
        let mut active = self.active.write().await;
        if self.generation.load(Ordering::SeqCst) != generation {
            // A user changed while this answer was read: serve it, but do not keep it.
            return Ok(Access::Active);
        }
        if active.len() >= MAX_ENTRIES {
            active.clear();
        }
        active.insert(key, Instant::now() + STATUS_TTL);
        Ok(Access::Active)
    }

    /// Drops the cached answer of one user (after its row changed).
    pub async fn forget(&self, tenant: TenantId, subject: &str) {
        let mut active = self.active.write().await;
        self.generation.fetch_add(1, Ordering::SeqCst);
        active.remove(&(tenant, subject.to_owned()));
    }
}

/// A conflict with a concurrent first request of the same caller.
fn retryable(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
        || e.to_string().contains("database is locked")
}

/// The caller's row, created when missing (its role follows the token's), in its own transaction.
async fn record(
    db: &DatabaseConnection,
    tenant: TenantId,
    subject: &str,
    email: Option<&str>,
    role: Role,
) -> Result<reos_entities::user::Model, DbErr> {
    let tx = TenantTx::begin(db, tenant).await?;
    let user = match users::by_subject(&tx, subject).await? {
        Some(u) if u.role == role.as_str() => u,
        _ => users::touch(&tx, subject, email, role.as_str()).await?,
    };
    tx.commit().await?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persistence::Database;

    /// A migrated SQLite database in `dir` with one tenant.
    async fn database(dir: &tempfile::TempDir) -> (Database, TenantId) {
        let settings = crate::config::Settings {
            data_dir: dir.path().to_owned(),
            ..Default::default()
        };
        let db = Database::connect(&settings).await.unwrap();
        db.migrate().await.unwrap();
        let tenant = TenantId(crate::services::tenants::create(&db, "acme", "Acme").await.unwrap().id);
        (db, tenant)
    }

    #[tokio::test]
    async fn a_user_is_provisioned_once_and_refused_after_deactivation() {
        let dir = tempfile::tempdir().unwrap();
        let (db, tenant) = database(&dir).await;
        let dir_ = UserDirectory::default();
        let access = dir_
            .access(&db.service, tenant, "sub-1", None, Role::Analyst)
            .await
            .unwrap();
        assert_eq!(access, Access::Active);
        let tx = TenantTx::begin(&db.service, tenant).await.unwrap();
        let row = users::by_subject(&tx, "sub-1").await.unwrap().unwrap();
        users::set_active(&tx, row.id, false).await.unwrap();
        tx.commit().await.unwrap();
        // Cached: still active until forgotten (or the TTL passes).
        let cached = dir_.access(&db.service, tenant, "sub-1", None, Role::Analyst).await;
        assert_eq!(cached.unwrap(), Access::Active);
        dir_.forget(tenant, "sub-1").await;
        let refused = dir_.access(&db.service, tenant, "sub-1", None, Role::Analyst).await;
        assert_eq!(refused.unwrap(), Access::Deactivated);
    }

    /// Many first requests of one caller at once: one row, every answer "active".
    #[tokio::test]
    async fn concurrent_first_requests_create_one_user() {
        let dir = tempfile::tempdir().unwrap();
        let (db, tenant) = database(&dir).await;
        let users = UserDirectory::default();
        let tries = (0..8).map(|_| users.access(&db.service, tenant, "sub-2", None, Role::Viewer));
        for access in futures_util::future::join_all(tries).await {
            assert_eq!(access.unwrap(), Access::Active);
        }
    }
}
