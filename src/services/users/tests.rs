//! Unit tests of `services::users`.
use super::*;
use crate::persistence::Database;

/// A migrated SQLite database in `dir` with one tenant.
async fn database(dir: &tempfile::TempDir) -> (Database, TenantId) {
    let mut settings = crate::config::Settings::default();
    settings.server.data_dir = dir.path().to_owned();
    let db = Database::connect(&settings).await.unwrap();
    db.migrate().await.unwrap();
    let tenant = TenantId::from_row(&crate::services::tenants::create(&db, "acme", "Acme").await.unwrap());
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

#[tokio::test]
async fn sqlite_busy_and_unique_violations_are_retryable_other_errors_are_not() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("busy.db").display());
    let a = sea_orm::Database::connect(&url).await.unwrap();
    a.execute_unprepared("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        .await
        .unwrap();
    // A second connection that does not wait for locks.
    let mut opts = sea_orm::ConnectOptions::new(url);
    opts.sqlx_logging(false).max_connections(1);
    let b = sea_orm::Database::connect(opts).await.unwrap();
    b.execute_unprepared("PRAGMA busy_timeout = 0").await.unwrap();
    let holder = a.begin().await.unwrap();
    holder
        .execute_unprepared("INSERT INTO t (id) VALUES (1)")
        .await
        .unwrap();
    let busy = b.execute_unprepared("INSERT INTO t (id) VALUES (2)").await.unwrap_err();
    assert!(retryable(&busy), "{busy:?}");
    holder.commit().await.unwrap();
    let duplicate = b.execute_unprepared("INSERT INTO t (id) VALUES (1)").await.unwrap_err();
    assert!(retryable(&duplicate), "{duplicate:?}");
    let other = b
        .execute_unprepared("INSERT INTO missing (id) VALUES (1)")
        .await
        .unwrap_err();
    assert!(!retryable(&other), "{other:?}");
}
