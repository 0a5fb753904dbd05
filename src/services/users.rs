//! Users as authentication sees them: a verified token's subject is provisioned as a user of its
//! tenant on first sight, and refused once an admin has deactivated it. "Active" answers are
//! cached per instance for at most [`STATUS_TTL`]; a deactivation made through this instance
//! takes effect at once, one made through another instance within that bound. Reads: the
//! tenant's user directory and the caller's own records.
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

/// A conflict with a concurrent first request of the same caller: a unique violation, or SQLite
/// busy (`SQLITE_BUSY`, extended codes included: the primary code is the low byte).
fn retryable(e: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) {
        return true;
    }
    let (DbErr::Exec(RuntimeErr::SqlxError(err)) | DbErr::Query(RuntimeErr::SqlxError(err))) = e else {
        return false;
    };
    const SQLITE_BUSY: i64 = 5;
    err.as_database_error()
        .filter(|d| d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some())
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| c & 0xff == SQLITE_BUSY)
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
        Some(u) if u.role == role.into() => u,
        _ => users::touch(&tx, subject, email, role.into()).await?,
    };
    tx.commit().await?;
    Ok(user)
}

#[cfg(test)]
mod tests;

/// Changes to a user of the tenant: only what is given changes.
pub struct UserChanges {
    pub display_name: Option<String>,
    pub active: Option<bool>,
}

/// An admin's change of user `id`. Authentication caches "active" answers: `directory` (this
/// instance's) forgets the user's once the change commits, so a deactivation takes effect on its
/// next request (other instances: within [`STATUS_TTL`]).
pub async fn update(
    c: &crate::services::caller::Caller<'_>,
    directory: Option<&std::sync::Arc<UserDirectory>>,
    id: &str,
    changes: UserChanges,
) -> crate::error::ApiResult<reos_entities::user::Model> {
    use reos_entities::user;
    use sea_orm::{ActiveModelTrait, Set};
    let existing = c.existing::<user::Entity>(id, "user").await?;
    crate::domain::rules::non_empty("input.displayName", changes.display_name.as_deref())?;
    let mut am: user::ActiveModel = existing.into();
    if changes.display_name.is_some() {
        am.display_name = Set(changes.display_name);
    }
    if let Some(a) = changes.active {
        am.active = Set(a);
    }
    let saved = am.update(c.tx.conn().await?).await?;
    if let Some(users) = directory {
        let (users, tenant, subject) = (users.clone(), c.tx.tenant(), saved.subject.clone());
        c.tx.on_outcome(Box::new(move |_| {
            Box::pin(async move { users.forget(tenant, &subject).await })
        }));
    }
    c.audit("update", "user", Some(saved.id), serde_json::json!({})).await?;
    Ok(saved)
}

/// The tenant's users, oldest first, `limit` from `offset`, and how many there are in all.
pub async fn page(
    tx: &TenantTx,
    offset: u64,
    limit: u64,
) -> crate::error::ApiResult<(u64, Vec<reos_entities::user::Model>)> {
    use crate::persistence::repositories::scoped;
    use reos_entities::user;
    use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect};
    let total = scoped::<user::Entity>(tx).count(tx.conn().await?).await?;
    let rows = scoped::<user::Entity>(tx)
        .order_by_asc(user::Column::CreatedAt)
        .order_by_asc(user::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(tx.conn().await?)
        .await?;
    Ok((total, rows))
}

/// The caller's tenant and user record (authentication records the caller before anything runs;
/// this only reads it). UNAUTHENTICATED when either is missing.
pub async fn current(
    tx: &TenantTx,
    subject: &str,
) -> crate::error::ApiResult<(reos_entities::tenant::Model, reos_entities::user::Model)> {
    use crate::error::ApiError;
    use crate::persistence::repositories::tenants;
    let tenant = tenants::by_id(tx.conn().await?, tx.tenant().uuid())
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let user = users::by_subject(tx, subject).await?.ok_or(ApiError::Unauthenticated)?;
    Ok((tenant, user))
}
