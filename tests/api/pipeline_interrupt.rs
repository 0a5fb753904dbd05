//! A cancelled property import (what SIGINT/SIGTERM does on the command line) starts no new batch,
//! lets the batches in flight end, and records the run as `interrupted` with exactly the counts
//! of what it committed; importing the file again completes it, and once more changes nothing.
use crate::both_backends;
use crate::support::test_app::TestApp;
use reos::persistence::TenantTx;
use reos::pipeline::synthetic::generate_csv;
use reos::services::cancel::Cancel;
use reos::services::comps::CompService;
use reos::services::property_import::{Format, ImportOptions, ImportReport, Target, import};
use reos_entities::pipeline_run;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Statement};

const ROWS: usize = 200;

fn options(cancel: &Cancel) -> ImportOptions {
    let mut opts = ImportOptions::new("big.csv", Format::Csv, "import", "test").unwrap();
    opts.batch_rows = 10;
    opts.cancel = cancel.clone();
    opts
}

/// Imports `csv`; `cancel_at(done)` says after how many written rows to cancel.
async fn run(
    app: &TestApp,
    tenant: uuid::Uuid,
    csv: &str,
    cancel_at: Option<u64>,
    comps: Option<&CompService>,
) -> ImportReport {
    let cancel = Cancel::new();
    let opts = options(&cancel);
    let progress = |done: u64, _total: u64| {
        if cancel_at.is_some_and(|at| done >= at) {
            cancel.cancel();
        }
    };
    if cancel_at == Some(0) {
        cancel.cancel();
    }
    let target = Target::Db(&app.db().service, app.tenant_id(tenant).await);
    import(target, csv.as_bytes(), &opts, comps, &progress).await.unwrap()
}

async fn rows(app: &TestApp, tenant: uuid::Uuid, table: &str) -> u64 {
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    let backend = tx.backend();
    // SQLite has no row-level security: filter by tenant explicitly.
    let param = if backend == sea_orm::DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE tenant_id = {param}");
    let n: i64 = tx
        .conn()
        .await
        .unwrap()
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [tenant.into()]))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap();
    tx.rollback().await.unwrap();
    n as u64
}

/// The tenant's run rows, oldest first.
async fn runs(app: &TestApp, tenant: uuid::Uuid) -> Vec<pipeline_run::Model> {
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    let all = pipeline_run::Entity::find()
        .order_by_asc(pipeline_run::Column::StartedAt)
        .all(tx.conn().await.unwrap())
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    all.into_iter().filter(|r| r.tenant_id == tenant).collect()
}

fn count(run: &pipeline_run::Model, key: &str) -> u64 {
    run.counts[key]
        .as_u64()
        .unwrap_or_else(|| panic!("counts.{key} in {}", run.counts))
}

/// The recorded counts are exactly the rows the committed batches left in the tables.
async fn assert_counts_match_tables(app: &TestApp, tenant: uuid::Uuid, run: &pipeline_run::Model) {
    assert_eq!(count(run, "written"), rows(app, tenant, "properties").await);
    assert_eq!(count(run, "provenance"), rows(app, tenant, "field_provenance").await);
    assert_eq!(count(run, "hazards"), rows(app, tenant, "property_hazards").await);
    assert_eq!(count(run, "owners"), rows(app, tenant, "owners").await);
    assert_eq!(count(run, "ownerships"), rows(app, tenant, "property_ownership").await);
}

async fn a_cancelled_import_records_what_it_committed(app: TestApp) {
    let csv = generate_csv(ROWS);
    // Cancelled before the first batch: nothing written, the run still recorded.
    let quiet = app.tenant("quiet").await;
    let report = run(&app, quiet, &csv, Some(0), None).await;
    assert_eq!(report.outcome, "interrupted");
    assert_eq!((report.counts.read, report.counts.written), (ROWS as u64, 0));
    assert_eq!(rows(&app, quiet, "properties").await, 0);
    let recorded = runs(&app, quiet).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].outcome.as_str(), "interrupted");
    assert_counts_match_tables(&app, quiet, &recorded[0]).await;

    // Cancelled once 30 rows are written: the batch in flight (PostgreSQL writes two at once)
    // ends, no other starts.
    let tenant = app.tenant("alpha").await;
    let report = run(&app, tenant, &csv, Some(30), None).await;
    assert_eq!(report.outcome, "interrupted");
    let written = rows(&app, tenant, "properties").await;
    assert!((30..=40).contains(&written), "{written} rows written");
    assert_eq!(report.counts.written, written);
    let recorded = runs(&app, tenant).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].outcome.as_str(), "interrupted");
    assert_counts_match_tables(&app, tenant, &recorded[0]).await;

    // Again: completes the file, adding only what the interrupted run did not commit.
    let report = run(&app, tenant, &csv, None, None).await;
    assert_eq!(report.outcome, "succeeded");
    assert_eq!(report.counts.written, ROWS as u64 - written);
    assert_eq!(rows(&app, tenant, "properties").await, ROWS as u64);
    let (provenance, hazards) = (
        rows(&app, tenant, "field_provenance").await,
        rows(&app, tenant, "property_hazards").await,
    );
    // Once more: idempotent.
    let report = run(&app, tenant, &csv, None, None).await;
    assert_eq!(report.outcome, "succeeded");
    assert_eq!((report.counts.written, report.counts.updated), (0, 0));
    assert_eq!(rows(&app, tenant, "properties").await, ROWS as u64);
    assert_eq!(rows(&app, tenant, "field_provenance").await, provenance);
    assert_eq!(rows(&app, tenant, "property_hazards").await, hazards);
    let outcomes: Vec<&str> = runs(&app, tenant)
        .await
        .into_iter()
        .map(|r| r.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["interrupted", "succeeded", "succeeded"]);

    // Cancelled after the last batch: everything is written, scoring is skipped, and the run
    // still says it was interrupted.
    let late = app.tenant("late").await;
    let svc = CompService::default();
    let report = run(&app, late, &csv, Some(ROWS as u64), Some(&svc)).await;
    assert_eq!(report.outcome, "interrupted");
    assert_eq!(report.counts.written, ROWS as u64);
    assert_eq!(report.counts.valuations, 0);
    assert_eq!(report.scoring_notes.get("interrupted"), Some(&(ROWS as u64)));
    assert_eq!(rows(&app, late, "valuations").await, 0);
    assert_counts_match_tables(&app, late, &runs(&app, late).await[0]).await;
}
both_backends!(a_cancelled_import_records_what_it_committed);
