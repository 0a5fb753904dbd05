//! Migrations on PostgreSQL: every table sends change notifications (graph_outbox through
//! migration 016), and 016 also applies over a database whose 013 already covered graph_outbox
//! (013 once did); 017's policy rewrite goes down and up again. Skipped (and says so) when `REOS_TEST_DATABASE_URL` is not set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reos_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use support::test_app;

/// Tables with the change-notification trigger.
async fn notifying_tables(conn: &impl ConnectionTrait) -> Vec<String> {
    conn.query_all_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
          WHERE g.tgname = 'reos_notify_change' ORDER BY 1",
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get::<String>("", "t").unwrap())
    .collect()
}

#[tokio::test]
async fn every_tenant_table_notifies_and_migration_016_applies_over_either_013() {
    let Some(admin) = test_app::pg_admin_url() else { return };
    let (owner_url, _) = test_app::fresh_postgres(&admin).await;
    let owner = Database::connect(&owner_url).await.unwrap();
    let mut expected: Vec<String> = reos_entities::TENANT_OWNED_TABLES
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    expected.push("tenants".into());
    expected.sort();
    assert_eq!(notifying_tables(&owner).await, expected);

    assert_eq!(
        per_row_policies(&owner).await,
        0,
        "017: every policy reads the tenant once"
    );

    // A database that ran the version of 013 that covered graph_outbox: 016 (and 017 to 025
    // after it) not applied yet, the trigger already there.
    Migrator::down(&owner, Some(10)).await.unwrap();
    assert!(!notifying_tables(&owner).await.contains(&"loan_programs".to_owned()));
    assert!(!notifying_tables(&owner).await.contains(&"market_series".to_owned()));
    assert!(!notifying_tables(&owner).await.contains(&"lease_abstracts".to_owned()));
    assert!(!notifying_tables(&owner).await.contains(&"unit_leases".to_owned()));
    assert!(!notifying_tables(&owner).await.contains(&"jobs".to_owned()));
    assert!(!notifying_tables(&owner).await.contains(&"market_regimes".to_owned()));
    assert!(!notifying_tables(&owner).await.contains(&"graph_outbox".to_owned()));
    assert_eq!(
        per_row_policies(&owner).await,
        expected.len() - 7,
        "017 undone (and 018's loan_programs, 020's market_series, 021's lease_abstracts, 022's unit_leases, 023's jobs and 024's market_regimes gone): the policies of every tenant-owned table read the tenant per row again"
    );
    owner
        .execute_unprepared(
            "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON graph_outbox
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();",
        )
        .await
        .unwrap();
    Migrator::up(&owner, None).await.unwrap();
    assert_eq!(notifying_tables(&owner).await, expected);
    assert_eq!(per_row_policies(&owner).await, 0);
}

/// `tenant_isolation` policies that compare with the tenant setting directly (per row) rather
/// than through an init plan (migration 017).
async fn per_row_policies(conn: &impl ConnectionTrait) -> usize {
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT count(*) AS n FROM pg_policies
              WHERE policyname = 'tenant_isolation' AND qual NOT LIKE '%( SELECT %'",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap() as usize
}
