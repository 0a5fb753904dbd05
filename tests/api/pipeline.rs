//! The property pipeline end to end on both backends: a fixture of ≥ 200 properties built from
//! the Ames sales in `data/`, with duplicates and bad rows (merges, rejections, hazards, provenance,
//! valuations, the run row), and a blocked batch that leaves the tenant's data unchanged.
use crate::both_backends;
use crate::support::test_app::TestApp;
use reos::persistence::TenantTx;
use reos::pipeline::fixtures::{BadKind, FIXTURE_HAZARD_RADIUS_M, FixtureSpec, build};
use reos::pipeline::{HazardTable, Severity};
use reos::services::comps::CompService;
use reos::services::property_import::{Format, ImportOptions, ImportReport, Target, import};
use reos::services::sales_import::import_csv;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::BTreeSet;

/// The Ames sales shipped in `data/`. Always `Some`: the file is part of the repository, so a
/// missing file fails the test instead of skipping it.
fn ames() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ames-sales.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the repository ships this file)", path.display()));
    Some(text)
}

async fn run(
    app: &TestApp,
    tenant: uuid::Uuid,
    csv: &str,
    table: Option<HazardTable>,
    comps: Option<&CompService>,
) -> ImportReport {
    let mut opts = ImportOptions::new("fixture.csv", Format::Csv, "import", "test").unwrap();
    opts.hazard_table = table;
    opts.batch_rows = 100;
    let target = Target::Db(&app.db().service, app.tenant_id(tenant).await);
    import(target, csv.as_bytes(), &opts, comps, &|_, _| {}).await.unwrap()
}

/// Row count and an order-independent digest of every row of `table` the tenant can see.
async fn snapshot(app: &TestApp, tenant: uuid::Uuid, table: &str) -> (usize, String) {
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    let backend = tx.backend();
    let sql = match backend {
        DbBackend::Postgres => format!("SELECT t::text AS r FROM {table} t ORDER BY id"),
        _ => {
            let cols = tx
                .conn()
                .await
                .unwrap()
                .query_all_raw(Statement::from_string(backend, format!("PRAGMA table_info({table})")))
                .await
                .unwrap();
            let names: Vec<String> = cols.iter().map(|c| c.try_get::<String>("", "name").unwrap()).collect();
            let expr = names
                .iter()
                .map(|n| format!("quote({n})"))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            format!("SELECT {expr} AS r FROM {table} ORDER BY id")
        }
    };
    let rows = tx
        .conn()
        .await
        .unwrap()
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    let text: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "r").unwrap()).collect();
    tx.rollback().await.unwrap();
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.join("\n").as_bytes());
    let digest: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    (text.len(), digest)
}

async fn count(app: &TestApp, tenant: uuid::Uuid, table: &str) -> usize {
    snapshot(app, tenant, table).await.0
}

async fn import_with_duplicates_and_bad_rows(app: TestApp) {
    let Some(ames) = ames() else { return };
    let fixture = build(&ames, &FixtureSpec::default()).unwrap();
    assert!(fixture.records.len() >= 200);
    let tenant = app.tenant("alpha").await;
    // Sales to value against: the Ames sales themselves.
    let sales: String = ames.lines().take(601).collect::<Vec<_>>().join("\n") + "\n";
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    import_csv(&tx, sales.as_bytes(), chrono::Utc::now().date_naive(), &|_, _| {})
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let table = HazardTable::new(fixture.hazard_points(), FIXTURE_HAZARD_RADIUS_M).unwrap();
    let svc = CompService::default();
    let report = run(&app, tenant, &fixture.to_csv().unwrap(), Some(table), Some(&svc)).await;
    assert_eq!(report.outcome, "succeeded");
    let c = &report.counts;
    assert_eq!(c.read as usize, fixture.records.len());

    let bad: BTreeSet<usize> = fixture.bad.iter().map(|b| b.row).collect();
    let rejected: BTreeSet<usize> = report.rejected.iter().map(|e| e.row).collect();
    assert_eq!(
        rejected, bad,
        "exactly the planted bad rows are rejected: {:?}",
        report.rejected
    );
    let merged: BTreeSet<usize> = report.merges.iter().map(|m| m.row).collect();
    let dups: BTreeSet<usize> = fixture
        .duplicates
        .iter()
        .map(|d| d.row)
        .filter(|r| !bad.contains(r))
        .collect();
    assert_eq!(merged, dups, "every duplicate merges, nothing else does");
    assert!(!dups.is_empty());
    assert_eq!(c.written as usize, fixture.records.len() - dups.len() - bad.len());
    assert!(
        report
            .merges
            .iter()
            .all(|m| !m.existing && m.changed.contains(&"bedrooms".to_string()))
    );

    assert_eq!(count(&app, tenant, "properties").await, c.written as usize);
    assert_eq!(count(&app, tenant, "property_hazards").await, c.hazards as usize);
    assert!(
        c.hazards >= c.written,
        "every property has hazards (from its row or the table)"
    );
    let provenance = count(&app, tenant, "field_provenance").await;
    assert_eq!(provenance, c.provenance as usize);
    assert!(provenance > 10 * c.written as usize);
    assert!(c.owners > 0 && c.ownerships > 0);
    assert_eq!(count(&app, tenant, "property_ownership").await, c.ownerships as usize);
    assert!(c.valuations > 0, "notes: {:?}", report.scoring_notes);
    assert_eq!(count(&app, tenant, "valuations").await, c.valuations as usize);
    assert_eq!(count(&app, tenant, "pipeline_runs").await, 1);
    assert_eq!(
        count(&app, tenant, "pipeline_gate_results").await,
        report.gates.failures.len() + report.rejected.len()
    );

    // A second import of the same file creates no property: every row merges.
    let again = run(&app, tenant, &fixture.to_csv().unwrap(), None, None).await;
    assert_eq!(again.counts.written, 0);
    let c2 = &again.counts;
    assert_eq!(
        (c2.provenance, c2.hazards, c2.updated),
        (0, 0, 0),
        "a re-import changes nothing"
    );
    assert_eq!(again.counts.merged as usize, fixture.records.len() - bad.len());
    assert_eq!(count(&app, tenant, "properties").await, c.written as usize);
    assert_eq!(count(&app, tenant, "pipeline_runs").await, 2);
}
both_backends!(import_with_duplicates_and_bad_rows);

async fn a_blocked_batch_leaves_the_tenant_data_unchanged(app: TestApp) {
    let Some(ames) = ames() else { return };
    let tenant = app.tenant("alpha").await;
    let good = build(&ames, &FixtureSpec::default()).unwrap();
    let first = run(&app, tenant, &good.to_csv().unwrap(), None, None).await;
    assert_eq!(first.outcome, "succeeded");

    let spec = FixtureSpec {
        bad_kinds: BadKind::BLOCKING.to_vec(),
        ..FixtureSpec::default()
    };
    let blocked_fixture = build(&ames, &spec).unwrap();
    let tables: Vec<&str> = reos_entities::TENANT_OWNED_TABLES
        .iter()
        .copied()
        .filter(|t| !t.starts_with("pipeline_"))
        .collect();
    let mut before = Vec::new();
    for t in &tables {
        before.push(snapshot(&app, tenant, t).await);
    }
    let report = run(&app, tenant, &blocked_fixture.to_csv().unwrap(), None, None).await;
    assert!(report.blocked());
    let blocking: BTreeSet<usize> = report
        .gates
        .failures
        .iter()
        .filter(|f| f.severity == Severity::Blocking)
        .map(|f| f.row)
        .collect();
    assert!(!blocking.is_empty());
    let mut after = Vec::new();
    for t in &tables {
        after.push(snapshot(&app, tenant, t).await);
    }
    for ((t, b), a) in tables.iter().zip(&before).zip(&after) {
        assert_eq!(b, a, "{t} changed under a blocked batch");
    }
    assert!(before[tables.iter().position(|t| *t == "properties").unwrap()].0 > 200);
    // The blocked run itself is on record, with its failures.
    assert_eq!(count(&app, tenant, "pipeline_runs").await, 2);
    assert!(count(&app, tenant, "pipeline_gate_results").await >= report.gates.failures.len());
}
both_backends!(a_blocked_batch_leaves_the_tenant_data_unchanged);

/// Rows `from..to` of `generate_csv(to)` (distinct addresses and external ids), every one owned by
/// the same LLC, so every batch links to one owner.
fn one_owner_csv(from: usize, to: usize) -> String {
    let csv = reos::pipeline::synthetic::generate_csv(to);
    let mut lines = csv.lines();
    let mut out = vec![lines.next().unwrap().to_owned()];
    for line in lines.skip(from) {
        let mut cells: Vec<&str> = line.split(',').collect();
        let k = cells.len();
        (cells[k - 2], cells[k - 1]) = ("Shared Holdings LLC", "llc");
        out.push(cells.join(","));
    }
    out.join("\n") + "\n"
}

/// On PostgreSQL a CLI import writes two batches at once: an owner named in every batch is
/// created once, and when a batch fails, no later batch starts and the failed run's row counts
/// exactly what was committed.
#[tokio::test]
async fn parallel_batches_create_an_owner_once_and_count_only_committed_batches_on_postgres() {
    use crate::support::test_app::{Backend, spawn_app};
    use secrecy::ExposeSecret;
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let tenant = app.tenant("alpha").await;
    let owner_url = app.state.settings.database.owner_url.as_ref().unwrap().expose_secret();
    let owner = sea_orm::Database::connect(owner_url).await.unwrap();
    // The batch that creates the owner holds its transaction open a while, so the batch beside
    // it reaches its own owner step before that commit: without the lock it would create the
    // owner a second time.
    owner
        .execute_unprepared(
            "CREATE FUNCTION slow_owner() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN PERFORM pg_sleep(0.5); RETURN NULL; END $$;
             CREATE TRIGGER slow_owner AFTER INSERT ON owners FOR EACH STATEMENT EXECUTE FUNCTION slow_owner();",
        )
        .await
        .unwrap();
    let mut opts = ImportOptions::new("shared.csv", Format::Csv, "import", "test").unwrap();
    opts.batch_rows = 10;
    let target = Target::Db(&app.db().service, app.tenant_id(tenant).await);
    let report = import(target, one_owner_csv(0, 200).as_bytes(), &opts, None, &|_, _| {})
        .await
        .unwrap();
    assert_eq!(report.counts.written, 200);
    assert_eq!((report.counts.owners, report.counts.ownerships), (1, 200));
    assert_eq!(count(&app, tenant, "owners").await, 1);
    assert_eq!(count(&app, tenant, "property_ownership").await, 200);

    // A planted failure in the 13th batch of a second import (its rows 121..130).
    owner
        .execute_unprepared(
            "CREATE FUNCTION planted_failure() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN IF NEW.external_id = 'B-325' THEN RAISE EXCEPTION 'planted failure'; END IF; RETURN NEW; END $$;
             CREATE TRIGGER planted_failure BEFORE INSERT ON properties
               FOR EACH ROW EXECUTE FUNCTION planted_failure();",
        )
        .await
        .unwrap();
    let failed = import(target, one_owner_csv(200, 1200).as_bytes(), &opts, None, &|_, _| {}).await;
    assert!(failed.is_err());
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    let sql = "SELECT outcome, (counts->>'written')::int8 AS written, (counts->>'ownerships')::int8 AS linked
               FROM pipeline_runs WHERE outcome <> 'succeeded'";
    let run = tx
        .conn()
        .await
        .unwrap()
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(run.try_get::<String>("", "outcome").unwrap(), "failed");
    let written = run.try_get::<i64>("", "written").unwrap() as usize;
    let linked = run.try_get::<i64>("", "linked").unwrap() as usize;
    let stored = count(&app, tenant, "properties").await - 200;
    assert_eq!(written, stored, "the run row counts the committed batches");
    assert_eq!(linked, count(&app, tenant, "property_ownership").await - 200);
    assert!(
        (120..=130).contains(&stored),
        "batches 1-12, and at most the one in flight: {stored}"
    );
    assert_eq!(count(&app, tenant, "owners").await, 1);
}
