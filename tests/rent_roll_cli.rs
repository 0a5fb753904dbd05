//! `reos import rent-roll` as a user runs it (docs/rent-roll.md), on SQLite and (with
//! `REOS_TEST_DATABASE_URL`) on a fresh PostgreSQL database as the RLS-bound service role: a messy
//! CSV previews without writing (`--dry-run`), imports into the property's leases merged by suite
//! with provenance pointing at the file and row, re-imports to no change, a bad cell writes nothing
//! and names its row and column; a multifamily XLSX (named sheet, date cells) replaces the unit
//! mix; a roll of the other kind than the property is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod rent_roll_cli {
    pub mod xlsx;
}

use rent_roll_cli::xlsx::{X, book};
use reos_entities::{field_provenance, lease, property, unit_lease, unit_mix};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::process::{Command, Output};
use support::snapshot::snapshot;
use support::test_app::{fresh_postgres, pg_admin_url};

/// A data folder and, on PostgreSQL, the database URLs the binary is given.
struct Env {
    dir: tempfile::TempDir,
    vars: Vec<(&'static str, String)>,
    owner: DatabaseConnection,
}

/// Runs this build's `reos` with only `vars` of the `REOS_*` variables.
fn run_reos(vars: &[(&'static str, String)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reos"));
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("REOS_") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd.envs(vars.iter().map(|(k, v)| (k, v)))
        .env("RUST_LOG", "warn")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

/// The tenant `acme` with the example properties, leases (office suites 100–400) and unit mix
/// (apartments: 1BR, 2BR, 3BR).
fn setup(vars: &[(&'static str, String)]) {
    ok(&run_reos(vars, &["tenant", "create", "acme", "--name", "Acme"]));
    ok(&run_reos(
        vars,
        &[
            "import",
            "properties",
            "examples/properties.csv",
            "--tenant",
            "acme",
            "--source",
            "mls",
            "--leases",
            "examples/leases.csv",
            "--unit-mix",
            "examples/unit-mix.csv",
            "--no-score",
        ],
    ));
}

impl Env {
    async fn sqlite() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let vars = vec![("REOS_DATA_DIR", dir.path().to_string_lossy().into_owned())];
        setup(&vars);
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("reos.db").display());
        Env {
            owner: sea_orm::Database::connect(url).await.unwrap(),
            dir,
            vars,
        }
    }

    async fn postgres(admin: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let (owner, service) = fresh_postgres(admin).await;
        let vars = vec![
            ("REOS_DATA_DIR", dir.path().to_string_lossy().into_owned()),
            ("REOS_DATABASE_URL", service),
            ("REOS_DATABASE_OWNER_URL", owner.clone()),
        ];
        setup(&vars);
        Env {
            owner: sea_orm::Database::connect(owner).await.unwrap(),
            dir,
            vars,
        }
    }

    fn reos(&self, args: &[&str]) -> Output {
        run_reos(&self.vars, args)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }

    async fn property(&self, name: &str) -> property::Model {
        property::Entity::find()
            .filter(property::Column::Name.eq(name))
            .one(&self.owner)
            .await
            .unwrap()
            .unwrap()
    }

    async fn leases(&self, property: uuid::Uuid) -> Vec<lease::Model> {
        lease::Entity::find()
            .filter(lease::Column::PropertyId.eq(property))
            .order_by_asc(lease::Column::Suite)
            .all(&self.owner)
            .await
            .unwrap()
    }

    async fn provenance(&self, entity: uuid::Uuid) -> Vec<field_provenance::Model> {
        field_provenance::Entity::find()
            .filter(field_provenance::Column::EntityId.eq(entity))
            .filter(field_provenance::Column::Method.eq("rent_roll"))
            .all(&self.owner)
            .await
            .unwrap()
    }
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sha256_hex(bytes: &[u8]) -> String {
    reos::domain::hash::sha256_hex(bytes)
}

/// The seller's office roll: a title, a report date, a blank line, a two-line header, an unlabeled
/// monthly rent, a footnote mark, vacant suites, a total and a note. Against the example leases:
/// 100 as stored, 200's rent up from $28 to $30/sf, 300 now vacant, 400 still vacant, 500 new.
const OFFICE: &str = "\
Main Street Office \u{2014} Rent Roll
As of 12/31/2025

Suite,Tenant Name,Rentable,Base Rent,Lease,Lease,Security Deposit
,,SF,,Start,Exp,
100,Prairie Tech Inc,\"10,000\",\"$20,000.00 \",01/01/2024,12/31/2034,\"$40,000\"
200,Campustown Law LLP *,\"8,000\",\"$20,000.00\",6/1/23,May-35,
300,VACANT,\"7,000\",,,,
400,Vacant,\"3,000\",,,,
500,Hilltop Dental,\"2,500\",\"$5,000.00\",2025-03-01,28-Feb-30,
,Total,\"30,500\",\"$45,000.00\",,,
* Campustown Law has a renewal option
";

async fn office_roll_flow(env: &Env) {
    let office = env.property("Main Street office").await;
    let id = office.id.to_string();
    let roll = env.file("office-roll.csv", OFFICE.as_bytes());
    let report = env.dir.path().join("report.json");
    let report_s = report.to_string_lossy().into_owned();
    let before = snapshot(&env.owner).await;

    // Dry run: the mapping, rows, metrics and report; nothing written.
    let out = ok(&env.reos(&[
        "import",
        "rent-roll",
        &roll,
        "--tenant",
        "acme",
        "--property",
        &id,
        "--dry-run",
        "--report",
        &report_s,
        "--as-of",
        "2026-01-01",
    ]));
    assert!(out.contains("header: row 4 (two lines)"), "{out}");
    assert!(
        out.contains("monthly_rent") && out.contains("unit inferred from magnitudes"),
        "{out}"
    );
    assert!(
        out.contains("5 kept (3 occupied, 2 vacant), 2 skipped (0 blank, 1 total, 0 header, 1 note)"),
        "{out}"
    );
    assert!(out.contains("dry run: nothing was written"), "{out}");
    assert_eq!(snapshot(&env.owner).await, before, "a dry run writes nothing");
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(r["status"], "dry_run");
    assert_eq!(r["sha256"], sha256_hex(OFFICE.as_bytes()));
    assert_eq!(
        (r["kind"].as_str(), r["header_row"].as_u64()),
        (Some("commercial"), Some(4))
    );
    let campus = &r["rows"][1];
    assert_eq!(campus["row"], 7);
    assert_eq!(campus["tenant"], "Campustown Law LLP");
    assert_eq!(campus["monthly_rent"], 20_000.0);
    assert_eq!(campus["annual_rent"], 240_000.0);
    assert_eq!(
        (campus["start"].as_str(), campus["end"].as_str()),
        (Some("2023-06-01"), Some("2035-05-31"))
    );
    assert_eq!(r["rows"][2]["reason"], "vacant");
    assert_eq!(r["rows"][5]["reason"], "total");
    // Occupied 10,000 + 8,000 + 2,500 of 30,500 sf.
    assert_eq!(r["metrics"]["physical_occupancy"].as_f64(), Some(20_500.0 / 30_500.0));
    assert_eq!(r["metrics"]["in_place_rent_annual"], 540_000.0);

    // The import: merged by suite into the example leases.
    let out = ok(&env.reos(&[
        "import",
        "rent-roll",
        &roll,
        "--tenant",
        "acme",
        "--property",
        &id,
        "--report",
        &report_s,
    ]));
    assert!(out.contains("leases 1 created, 2 updated, 2 unchanged"), "{out}");
    let leases = env.leases(office.id).await;
    let suites: Vec<(&str, bool, Option<f64>)> = leases
        .iter()
        .map(|l| (l.suite.as_deref().unwrap(), l.vacant, l.rent_psf))
        .collect();
    // 12 × 20,000 / 8,000 = 30; 12 × 5,000 / 2,500 = 24.
    assert_eq!(
        suites,
        [
            ("100", false, Some(24.0)),
            ("200", false, Some(30.0)),
            ("300", true, None),
            ("400", true, None),
            ("500", false, Some(24.0))
        ]
    );
    let campus = &leases[1];
    // What the roll does not give is kept: base-year recovery, its stop, the escalation.
    assert_eq!((campus.expense_stop_psf, campus.escalation_pct), (Some(6.5), 0.025));
    let dental = &leases[4];
    assert_eq!(dental.tenant_name.as_deref(), Some("Hilltop Dental"));
    assert_eq!(dental.start_month, chrono::NaiveDate::from_ymd_opt(2025, 3, 1));
    assert_eq!(dental.end_month, chrono::NaiveDate::from_ymd_opt(2030, 2, 1));
    assert_eq!((dental.mla.as_str(), dental.escalation_pct), ("default", 0.0));
    let source = format!("rent-roll:office-roll.csv#sha256:{}", sha256_hex(OFFICE.as_bytes()));
    let p = env.provenance(dental.id).await;
    assert!(p.len() >= 6, "{p:?}");
    assert!(
        p.iter()
            .all(|x| x.source == source && x.evidence_uri.as_deref() == Some("row:10")),
        "{p:?}"
    );
    let rent = env
        .provenance(campus.id)
        .await
        .into_iter()
        .find(|x| x.field == "rent_psf")
        .unwrap();
    assert_eq!(
        (
            rent.value.as_f64(),
            rent.previous_value.as_ref().and_then(|v| v.as_f64())
        ),
        (Some(30.0), Some(28.0))
    );
    assert_eq!(rent.evidence_uri.as_deref(), Some("row:7"));
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        (r["status"].as_str(), r["written"]["leases_created"].as_u64()),
        (Some("imported"), Some(1))
    );

    // A re-import merges by suite: no duplicate, nothing written.
    let after = snapshot(&env.owner).await;
    let out = ok(&env.reos(&["import", "rent-roll", &roll, "--tenant", "acme", "--property", &id]));
    assert!(out.contains("leases 0 created, 0 updated, 5 unchanged"), "{out}");
    assert_eq!(env.leases(office.id).await.len(), 5);
    let audit_only = |s: &std::collections::BTreeMap<String, (i64, String)>| {
        s.iter()
            .filter(|(t, _)| t.as_str() != "audit_events")
            .map(|(t, v)| (t.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        audit_only(&snapshot(&env.owner).await),
        audit_only(&after),
        "only the import's audit row"
    );

    // A bad cell: nothing written, the row and the column named.
    let bad = env.file("bad-roll.csv", OFFICE.replace("28-Feb-30", "13/45/2030").as_bytes());
    let before = snapshot(&env.owner).await;
    let out = env.reos(&[
        "import",
        "rent-roll",
        &bad,
        "--tenant",
        "acme",
        "--property",
        &id,
        "--report",
        &report_s,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 10, column \"Lease Exp\": `13/45/2030` is not a date"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(snapshot(&env.owner).await, before, "a refused roll writes nothing");
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(r["status"], "rejected");
    assert_eq!(r["problems"][0]["row"], 10);
    assert_eq!(r["problems"][0]["column"], "Lease Exp");
    assert_eq!(r["problems"][0]["blocking"], true);
}

/// A multifamily workbook: a cover sheet, then the roll with date cells, a text date, a
/// month-to-month lease and a total.
fn apartments() -> Vec<u8> {
    book(&[
        ("Cover", vec![(1, vec![X::S("Maple Court Apartments")])]),
        (
            "Rent Roll",
            vec![
                (1, vec![X::S("Lincoln Way Apartments - Rent Roll")]),
                (2, vec![X::S("As of 01/01/2026")]),
                (
                    4,
                    [
                        "Unit",
                        "Unit Type",
                        "SF",
                        "Market Rent",
                        "Actual Rent",
                        "Move-In",
                        "Lease End",
                        "Status",
                    ]
                    .into_iter()
                    .map(X::S)
                    .collect(),
                ),
                (
                    5,
                    vec![
                        X::S("101"),
                        X::S("1BR/1BA"),
                        X::N(700.0),
                        X::N(1100.0),
                        X::N(1000.0),
                        X::D(45352.0),
                        X::D(46203.0),
                        X::S("Occupied"),
                    ],
                ),
                (
                    6,
                    vec![
                        X::S("102"),
                        X::S("1BR/1BA"),
                        X::N(700.0),
                        X::N(1100.0),
                        X::N(0.0),
                        X::E,
                        X::E,
                        X::S("Vacant"),
                    ],
                ),
                (
                    7,
                    vec![
                        X::S("201"),
                        X::S("2BR/2BA"),
                        X::N(1000.0),
                        X::N(1500.0),
                        X::N(1400.0),
                        X::D(45122.0),
                        X::D(46387.0),
                        X::S("Occupied"),
                    ],
                ),
                (
                    8,
                    vec![
                        X::S("202"),
                        X::S("2BR/2BA"),
                        X::N(1000.0),
                        X::N(1500.0),
                        X::N(1450.0),
                        X::S("01/05/2024"),
                        X::S("MTM"),
                        X::S("Notice"),
                    ],
                ),
                (9, vec![X::S("Total"), X::E, X::N(3400.0), X::N(5200.0), X::N(3850.0)]),
            ],
        ),
    ])
}

async fn apartments_flow(env: &Env) {
    let apts = env.property("Lincoln Way apartments").await;
    let bytes = apartments();
    let roll = env.file("maple.xlsx", &bytes);
    let id = apts.id.to_string();
    let out = ok(&env.reos(&[
        "import",
        "rent-roll",
        &roll,
        "--tenant",
        "acme",
        "--property",
        &id,
        "--sheet",
        "Rent Roll",
    ]));
    assert!(out.contains("multifamily"), "{out}");
    assert!(
        out.contains("unit types 2 created, 0 updated, 0 unchanged, 3 deleted; units 4 created, 0 updated, 0 unchanged, 0 deleted"),
        "{out}"
    );
    let units = unit_lease::Entity::find()
        .filter(unit_lease::Column::PropertyId.eq(apts.id))
        .order_by_asc(unit_lease::Column::Unit)
        .all(&env.owner)
        .await
        .unwrap();
    let got: Vec<String> = units
        .iter()
        .map(|u| {
            format!(
                "{} {:?} {} {:?} {:?}",
                u.unit, u.unit_type, u.status, u.monthly_rent, u.market_rent
            )
        })
        .collect();
    // The vacant 102's $0 "actual rent" is no rent; 202 has given notice.
    assert_eq!(
        got,
        [
            "101 Some(\"1BR/1BA\") occupied Some(1000.0) Some(1100.0)",
            "102 Some(\"1BR/1BA\") vacant None Some(1100.0)",
            "201 Some(\"2BR/2BA\") occupied Some(1400.0) Some(1500.0)",
            "202 Some(\"2BR/2BA\") notice Some(1450.0) Some(1500.0)",
        ]
    );
    let p = env.provenance(units[2].id).await;
    assert!(
        !p.is_empty() && p.iter().all(|x| x.evidence_uri.as_deref() == Some("row:7")),
        "{p:?}"
    );
    let mix = unit_mix::Entity::find()
        .filter(unit_mix::Column::PropertyId.eq(apts.id))
        .order_by_asc(unit_mix::Column::UnitType)
        .all(&env.owner)
        .await
        .unwrap();
    let got: Vec<(&str, i32, Option<f64>, f64, f64)> = mix
        .iter()
        .map(|u| {
            (
                u.unit_type.as_str(),
                u.units,
                u.avg_area_sf,
                u.current_rent,
                u.market_rent,
            )
        })
        .collect();
    // 1BR: the occupied 101 at 1,000; 2BR: (1,400 + 1,450) / 2 = 1,425.
    assert_eq!(
        got,
        [
            ("1BR/1BA", 2, Some(700.0), 1_000.0, 1_100.0),
            ("2BR/2BA", 2, Some(1_000.0), 1_425.0, 1_500.0)
        ]
    );
    let p = env.provenance(mix[1].id).await;
    assert!(
        !p.is_empty() && p.iter().all(|x| x.evidence_uri.as_deref() == Some("rows:7-8")),
        "{p:?}"
    );
    let out = ok(&env.reos(&[
        "import",
        "rent-roll",
        &roll,
        "--tenant",
        "acme",
        "--property",
        &id,
        "--sheet",
        "Rent Roll",
    ]));
    assert!(
        out.contains("unit types 0 created, 0 updated, 2 unchanged, 0 deleted; units 0 created, 0 updated, 4 unchanged, 0 deleted"),
        "{out}"
    );

    // The first sheet is the cover: no header there.
    let out = env.reos(&[
        "import",
        "rent-roll",
        &roll,
        "--tenant",
        "acme",
        "--property",
        &id,
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no header row"));

    // A multifamily roll into the office is refused, naming why.
    let office = env.property("Main Street office").await.id.to_string();
    let out = env.reos(&[
        "import",
        "rent-roll",
        &roll,
        "--tenant",
        "acme",
        "--property",
        &office,
        "--sheet",
        "Rent Roll",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a multifamily rent roll writes a unit mix"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn rent_rolls_import_on_sqlite() {
    let env = Env::sqlite().await;
    office_roll_flow(&env).await;
    apartments_flow(&env).await;
}

#[tokio::test]
async fn rent_rolls_import_on_postgres() {
    let Some(admin) = pg_admin_url() else { return };
    let env = Env::postgres(&admin).await;
    office_roll_flow(&env).await;
    apartments_flow(&env).await;
}

#[test]
fn the_binary_names_its_arguments() {
    let out = Command::new(env!("CARGO_BIN_EXE_reos"))
        .args(["import", "rent-roll", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--tenant", "--property", "--dry-run", "--report", "--as-of", "--sheet"] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
}
