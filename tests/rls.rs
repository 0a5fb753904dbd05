//! The PostgreSQL wall, raw SQL as the service role: without `app.tenant_id` no row is visible;
//! with it only that tenant's; inserting another tenant's row fails. Skipped (and says so) when
//! `REOS_TEST_DATABASE_URL` is not set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use sea_orm::{ConnectionTrait, Database, DbBackend, Statement, TransactionTrait};
use support::test_app;

async fn count(conn: &impl ConnectionTrait) -> i64 {
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT count(*) AS n FROM properties",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

fn insert(tenant: uuid::Uuid) -> String {
    format!(
        "INSERT INTO properties (id, tenant_id, address_line1, city, state, property_type, status, pipeline_stage, created_at, updated_at)
         VALUES ('{}', '{tenant}', '1 Main', 'Ames', 'IA', 'condo', 'active', 'sourced', now(), now())",
        uuid::Uuid::new_v4()
    )
}

/// A tenant row, written as the owner.
async fn add_tenant(owner: &impl ConnectionTrait, id: uuid::Uuid, slug: &str) {
    owner
        .execute_unprepared(&format!(
            "INSERT INTO tenants (id, slug, name, created_at) VALUES ('{id}', '{slug}', '{slug}', now())"
        ))
        .await
        .unwrap();
}

async fn set_tenant(tx: &impl ConnectionTrait, tenant: uuid::Uuid) {
    tx.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config('app.tenant_id', $1, true)",
        [tenant.to_string().into()],
    ))
    .await
    .unwrap();
}

#[tokio::test]
async fn row_level_security_confines_the_service_role_to_its_tenant() {
    let Some(admin) = test_app::pg_admin_url() else { return };
    let (owner_url, service_url) = test_app::fresh_postgres(&admin).await;
    let owner = Database::connect(&owner_url).await.unwrap();
    let a = uuid::Uuid::new_v4();
    let b = uuid::Uuid::new_v4();
    for (id, slug) in [(a, "alpha"), (b, "bravo")] {
        add_tenant(&owner, id, slug).await;
    }
    // The owner here is a superuser (bypasses RLS), so seed rows directly: two for A, one for B.
    for t in [a, a, b] {
        owner.execute_unprepared(&insert(t)).await.unwrap();
    }
    let service = Database::connect(&service_url).await.unwrap();
    assert_eq!(count(&service).await, 0, "no tenant setting: no rows");

    let tx = service.begin().await.unwrap();
    set_tenant(&tx, a).await;
    assert_eq!(count(&tx).await, 2, "tenant A sees its two rows only");
    let err = tx.execute_unprepared(&insert(b)).await;
    assert!(err.is_err(), "inserting a row of tenant B while bound to A fails");
    tx.rollback().await.unwrap();

    let tx = service.begin().await.unwrap();
    set_tenant(&tx, b).await;
    assert_eq!(count(&tx).await, 1);
    let updated = tx
        .execute_unprepared(&format!("UPDATE properties SET city = 'X' WHERE tenant_id = '{a}'"))
        .await
        .unwrap();
    assert_eq!(updated.rows_affected(), 0, "B cannot update A's rows");
    let deleted = tx
        .execute_unprepared(&format!("DELETE FROM properties WHERE tenant_id = '{a}'"))
        .await
        .unwrap();
    assert_eq!(deleted.rows_affected(), 0, "B cannot delete A's rows");
    tx.commit().await.unwrap();
    assert_eq!(count(&service).await, 0, "the setting ended with the transaction");

    let tables = reos_entities::TENANT_OWNED_TABLES
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(",");
    let flags = owner
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT bool_and(relrowsecurity AND relforcerowsecurity) AS ok, count(*) AS n FROM pg_class
                 WHERE relkind = 'r' AND relname IN ({tables})"
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        flags.try_get::<i64>("", "n").unwrap() as usize,
        reos_entities::TENANT_OWNED_TABLES.len()
    );
    assert!(
        flags.try_get::<bool>("", "ok").unwrap(),
        "RLS enabled and forced on every tenant-owned table"
    );
    // Migration 017: each policy reads the tenant setting once per statement (an init plan),
    // for reads and writes alike.
    let policies = owner
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT count(*) FILTER (WHERE qual LIKE '%( SELECT (NULLIF(current_setting(''app.tenant_id''%'
                   AND with_check LIKE '%( SELECT (NULLIF(current_setting(''app.tenant_id''%') AS once,
                   count(*) AS n
                 FROM pg_policies WHERE policyname = 'tenant_isolation' AND tablename IN ({tables})"
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        policies.try_get::<i64>("", "n").unwrap() as usize,
        reos_entities::TENANT_OWNED_TABLES.len(),
        "one tenant_isolation policy per tenant-owned table"
    );
    assert_eq!(
        policies.try_get::<i64>("", "once").unwrap(),
        policies.try_get::<i64>("", "n").unwrap(),
        "every policy in init-plan form"
    );
    let role = owner
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT rolsuper OR rolbypassrls AS privileged FROM pg_roles WHERE rolname = '{}'",
                test_app::SERVICE_ROLE
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(
        !role.try_get::<bool>("", "privileged").unwrap(),
        "the service role neither superuser nor BYPASSRLS"
    );
}

/// A request of queries only runs in a read-only transaction whose end is not waited for
/// (`TenantTx::commit` drops it; the rollback goes out with the pool's release check). On one
/// connection, so the next user is certain to get the same session: it must find no tenant bound
/// and no transaction open, and a write in the read-only transaction must have been refused.
#[tokio::test]
async fn a_read_only_tenant_transaction_refuses_writes_and_ends_cleanly() {
    use reos::persistence::tenancy::Access;
    use reos::persistence::{TenantId, TenantTx};
    use sea_orm::EntityTrait;
    let Some(admin) = test_app::pg_admin_url() else { return };
    let (owner_url, service_url) = test_app::fresh_postgres(&admin).await;
    let owner = Database::connect(&owner_url).await.unwrap();
    let a = uuid::Uuid::new_v4();
    add_tenant(&owner, a, "alpha").await;
    owner.execute_unprepared(&insert(a)).await.unwrap();
    let mut opts = sea_orm::ConnectOptions::new(service_url);
    opts.max_connections(1).min_connections(1);
    let service = Database::connect(opts).await.unwrap();
    let tenant = reos_entities::tenant::Entity::find_by_id(a)
        .one(&service)
        .await
        .unwrap()
        .unwrap();

    for _ in 0..3 {
        let tx = TenantTx::begin_as(&service, TenantId::from_row(&tenant), Access::ReadOnly)
            .await
            .unwrap();
        assert_eq!(count(tx.conn().await.unwrap()).await, 1, "the tenant's row is visible");
        tx.commit().await.unwrap();
        assert_eq!(
            count(&service).await,
            0,
            "the next statement on the connection has no tenant"
        );
    }

    let tx = TenantTx::begin_as(&service, TenantId::from_row(&tenant), Access::ReadOnly)
        .await
        .unwrap();
    let err = tx
        .conn()
        .await
        .unwrap()
        .execute_unprepared(&insert(a))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("read-only transaction"), "{err}");
    drop(tx);
    assert_eq!(count(&owner).await, 1, "nothing was written (the owner sees every row)");

    let tx = TenantTx::begin(&service, TenantId::from_row(&tenant)).await.unwrap();
    tx.conn().await.unwrap().execute_unprepared(&insert(a)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        count(&owner).await,
        2,
        "a read-write transaction after them writes and commits"
    );
}

/// The count and the first page of properties, asked together, and the tenant of each row.
async fn page(tx: &reos::persistence::TenantTx) -> (u64, Vec<uuid::Uuid>) {
    use reos::persistence::repositories::properties;
    let all = properties::PropertyQuery::default();
    let (count, rows) = futures_util::try_join!(
        properties::count(tx, &all),
        properties::page(tx, &all, Default::default(), false, 0, 10, None)
    )
    .unwrap();
    (count, rows.iter().map(|r| r.tenant_id).collect())
}

/// A read-only request's pipelined transaction (src/persistence/pipelined.rs) on a one-connection
/// pool: each transaction sees its own tenant's rows only, whether the one before it on the same
/// connection committed or was dropped midway, and a statement after it has no tenant.
#[tokio::test]
async fn pipelined_reads_keep_the_tenant_wall_on_a_reused_connection() {
    use reos::persistence::TenantTx;
    let Some(admin) = test_app::pg_admin_url() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_app::settings(&dir);
    let (owner_url, service_url) = test_app::fresh_postgres(&admin).await;
    settings.database.url = Some(secrecy::SecretString::from(service_url.clone()));
    settings.database.owner_url = Some(secrecy::SecretString::from(owner_url.clone()));
    settings.database.max_connections = 1;
    let db = reos::persistence::Database::connect(&settings).await.unwrap();
    db.migrate().await.unwrap();
    let owner = Database::connect(&owner_url).await.unwrap();
    let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    add_tenant(&owner, a, "alpha").await;
    add_tenant(&owner, b, "bravo").await;
    for _ in 0..2 {
        owner.execute_unprepared(&insert(a)).await.unwrap();
    }
    owner.execute_unprepared(&insert(b)).await.unwrap();
    let (ta, tb) = (test_app::tenant_id(&db, a).await, test_app::tenant_id(&db, b).await);
    for round in 0..3 {
        let tx = TenantTx::begin_read(&db, ta).await.unwrap();
        assert!(tx.pipelined(), "PostgreSQL without TLS reads pipelined");
        assert_eq!(page(&tx).await, (2, vec![a, a]), "round {round}: alpha");
        if round == 1 {
            drop(tx); // dropped midway: its ROLLBACK is queued before the next transaction
        } else {
            tx.commit().await.unwrap();
        }
        let tx = TenantTx::begin_read(&db, tb).await.unwrap();
        assert_eq!(page(&tx).await, (1, vec![b]), "round {round}: bravo");
        tx.commit().await.unwrap();
    }
    // Another read-only transaction on the same connection: a statement outside the pipelined
    // reads (the sea-orm transaction begun on first use) sees the same tenant.
    let tx = TenantTx::begin_read(&db, ta).await.unwrap();
    assert_eq!(count(tx.conn().await.unwrap()).await, 2);
    assert_eq!(page(&tx).await.0, 2);
    tx.commit().await.unwrap();
}
