//! The `reos` binary on a fresh SQLite data folder: `migrate status` prints a table, `token`
//! refuses an unknown tenant, a date in another format names the flag and the expected format,
//! and SIGTERM during `import properties` records the run as `interrupted` with the counts of the
//! batches it committed (a second signal aborts with status 130).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `reos ARGS` with no `REOS_*` setting from the environment but the data folder.
fn reos(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reos"));
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("REOS_") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd.env("REOS_DATA_DIR", data);
    cmd
}

fn run(data: &Path, args: &[&str]) -> Output {
    reos(data).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn migrate_status_prints_every_migration_with_when_it_was_applied() {
    let dir = tempfile::tempdir().unwrap();
    let before = run(dir.path(), &["migrate", "status"]);
    assert!(before.status.success(), "{}", text(&before.stderr));
    let out = text(&before.stdout);
    assert!(out.starts_with("migration"), "{out}");
    assert!(out.contains("m20261128_000001_create_tenants_and_users"), "{out}");
    assert!(
        out.lines()
            .filter(|l| l.starts_with('m'))
            .skip(1)
            .all(|l| l.contains(" no ")),
        "{out}"
    );
    let total = out.lines().filter(|l| l.starts_with("m2")).count();
    assert!(total >= 14, "{out}");
    assert!(
        out.contains(&format!("{total} migrations: 0 applied, {total} pending")),
        "{out}"
    );

    assert!(run(dir.path(), &["migrate", "up"]).status.success());
    let after = text(&run(dir.path(), &["migrate", "status"]).stdout);
    let year = chrono::Utc::now().format("%Y-").to_string();
    for line in after.lines().filter(|l| l.starts_with("m2")) {
        assert!(line.contains(" yes "), "{line}");
        assert!(line.contains(&year), "no applied-at time: {line}");
    }
    assert!(
        after.contains(&format!("{total} migrations: {total} applied, 0 pending")),
        "{after}"
    );
}

#[test]
fn a_token_for_a_tenant_that_does_not_exist_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["migrate", "up"]).status.success());
    let out = run(dir.path(), &["token", "--tenant", "nosuch"]);
    assert!(!out.status.success(), "minted a token: {}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("--tenant: no tenant with slug `nosuch` (create it with `reos tenant create`)"),
        "{err}"
    );
    assert!(
        run(dir.path(), &["tenant", "create", "acme", "--name", "Acme"])
            .status
            .success()
    );
    let ok = run(dir.path(), &["token", "--tenant", "acme"]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert_eq!(text(&ok.stdout).trim().split('.').count(), 3, "a JWT");
}

#[test]
fn a_date_in_another_format_names_the_flag_and_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (args, flag) in [
        (
            &[
                "backtest",
                "--tenant",
                "t",
                "--from",
                "07/01/2008",
                "--to",
                "2009-06-30",
            ][..],
            "--from",
        ),
        (
            &["backtest", "--tenant", "t", "--from", "2008-07-01", "--to", "30.6.2009"][..],
            "--to",
        ),
        (
            &["value", "--tenant", "t", "--subject", "s.json", "--as-of", "2009/06/30"][..],
            "--as-of",
        ),
    ] {
        let out = run(dir.path(), args);
        assert!(!out.status.success());
        let err = text(&out.stderr);
        assert!(err.contains(flag), "{err}");
        assert!(err.contains("expected a date as YYYY-MM-DD, e.g. 2008-07-01"), "{err}");
        assert!(!err.contains("invalid characters"), "{err}");
    }
}

/// Reads the data folder's SQLite file while an import writes it.
struct Db(sea_orm::DatabaseConnection);

impl Db {
    async fn open(data: &Path) -> Self {
        let url = format!("sqlite://{}?mode=rw", data.join("reos.db").display());
        Self(sea_orm::Database::connect(url).await.unwrap())
    }

    async fn text(&self, sql: &str) -> String {
        use sea_orm::ConnectionTrait;
        let row = self
            .0
            .query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, sql))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<String>(0).unwrap()
    }

    async fn properties(&self, tenant: &str) -> i64 {
        let sql = format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM properties p JOIN tenants t ON t.id = p.tenant_id \
             WHERE t.slug = '{tenant}'"
        );
        self.text(&sql).await.parse().unwrap()
    }
}

fn signal(child: &Child, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Starts `reos import properties` and waits until its first batch is committed.
async fn start_import(data: &Path, file: &Path, tenant: &str) -> Child {
    assert!(
        run(data, &["tenant", "create", tenant, "--name", tenant])
            .status
            .success()
    );
    let db = Db::open(data).await;
    let child = reos(data)
        .args(["import", "properties"])
        .arg(file)
        .args(["--tenant", tenant, "--source", "import", "--no-score"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while db.properties(tenant).await == 0 {
        assert!(started.elapsed() < Duration::from_secs(300), "no batch committed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child
}

#[tokio::test]
async fn sigterm_during_an_import_records_the_committed_batches_as_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let rows = 20_000;
    let file = dir.path().join("big.csv");
    std::fs::write(&file, reos::pipeline::synthetic::generate_csv(rows)).unwrap();

    let child = start_import(&data, &file, "alpha").await;
    signal(&child, "TERM");
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("interrupted: no new batch starts"), "{err}");
    assert!(err.contains("the run is recorded as `interrupted`"), "{err}");
    let db = Db::open(&data).await;
    let written = db.properties("alpha").await;
    assert!(written > 0 && written < rows as i64, "{written}");
    let run = db
        .text(
            "SELECT outcome || '|' || json_extract(counts, '$.written') || '|' || json_extract(counts, '$.read') \
             FROM pipeline_runs",
        )
        .await;
    assert_eq!(run, format!("interrupted|{written}|{rows}"));

    // A second signal does not wait for the batch in flight.
    let child = start_import(&data, &file, "beta").await;
    signal(&child, "TERM");
    signal(&child, "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("aborted by a second signal"));
}

#[test]
fn a_rolling_backtest_reports_every_window_the_pool_and_the_noise() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        run(data, &["tenant", "create", "ames", "--name", "Ames"])
            .status
            .success()
    );
    let sales = root.join("data/ames-sales.csv");
    assert!(
        run(data, &["import", "sales", sales.to_str().unwrap(), "--tenant", "ames"])
            .status
            .success()
    );
    let out = data.join("rolling");
    let windows = "2009-04-01..2009-04-30,2009-05-01..2009-06-30";
    let res = run(
        data,
        &[
            "backtest",
            "--tenant",
            "ames",
            "--rolling",
            "--windows",
            windows,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(res.status.success(), "{}", text(&res.stderr));
    let table = text(&res.stdout);
    assert!(
        table.contains("2009-04-01 … 2009-04-30") && table.contains("pooled"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("rolling.json")).unwrap()).unwrap();
    let r = &json["rolling"];
    let windows = r["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 2);
    let n: u64 = windows.iter().map(|w| w["n"].as_u64().unwrap()).sum();
    assert_eq!(r["pooled"]["n"].as_u64(), Some(n));
    for w in windows {
        assert!(w["noise"]["mdape"].as_f64().unwrap() > 0.0, "{w}");
    }
    assert!(r["pooled_noise"]["cod"].as_f64().unwrap() > 0.0);

    let bad = run(
        data,
        &[
            "backtest",
            "--tenant",
            "ames",
            "--rolling",
            "--windows",
            "2009-05-01..2009-04-01",
        ],
    );
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("--windows"), "{}", text(&bad.stderr));
}
