//! `reos rent-roll …` as a user and CI run it (docs/rent-roll.md), no database: the generated
//! corpus and the 5,000-unit bench rolls (an XLSX and its CSV twin sharing one truth) read exactly
//! — every row number, kept or skipped with its reason, every value and amount to the cent — and
//! a wrong truth makes the command fail; `preview --json` prints the report on one line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::process::Output;
use support::cli::text;

fn reos(args: &[&str]) -> Output {
    support::cli::reos(None, args)
}

#[test]
fn the_corpus_and_the_bench_rolls_read_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("rent-roll-accuracy.json");
    let out = reos(&[
        "rent-roll",
        "eval",
        "golden/rent-roll/corpus",
        "golden/rent-roll/bench",
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let t = &r["totals"];
    assert_eq!(r["passed"], true);
    assert_eq!(t["files"], 14, "12 corpus rolls and the two bench twins");
    assert_eq!(t["files_perfect"], 14);
    assert_eq!(
        (t["row_accuracy"].as_f64(), t["amount_accuracy"].as_f64()),
        (Some(1.0), Some(1.0))
    );
    assert!(t["rows"].as_u64().unwrap() > 10_000, "{t}");
    assert!(t["amounts"].as_u64().unwrap() > 30_000, "{t}");
    let files: Vec<&str> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"golden/rent-roll/bench/multifamily-5000.csv"),
        "{files:?}"
    );
    assert!(
        files.contains(&"golden/rent-roll/bench/multifamily-5000.xlsx"),
        "{files:?}"
    );
}

#[test]
fn a_wrong_truth_fails_naming_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/rent-roll/corpus");
    for name in ["04-industrial-lessee.csv", "04-industrial-lessee.truth.json"] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    let truth_path = dir.path().join("04-industrial-lessee.truth.json");
    let mut truth: serde_json::Value = serde_json::from_slice(&std::fs::read(&truth_path).unwrap()).unwrap();
    let row = truth["rows"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["annual_rent"].as_f64().is_some_and(|x| x > 0.0))
        .unwrap();
    let n = row["row"].as_u64().unwrap();
    row["annual_rent"] = serde_json::json!(row["annual_rent"].as_f64().unwrap() + 0.01);
    std::fs::write(&truth_path, serde_json::to_vec(&truth).unwrap()).unwrap();
    let out = reos(&["rent-roll", "eval", dir.path().to_str().unwrap()]);
    assert!(!out.status.success(), "{}", text(&out));
    let t = text(&out);
    assert!(t.contains(&format!("row {n}: annual_rent")), "{t}");
    assert!(t.contains("targets missed"), "{t}");
}

#[test]
fn preview_json_is_the_report_on_one_line() {
    let json = |out: &Output| -> serde_json::Value {
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        assert_eq!(stdout.trim().lines().count(), 1, "{}", text(out));
        serde_json::from_str(&stdout).unwrap()
    };
    let out = reos(&[
        "rent-roll",
        "preview",
        "golden/rent-roll/corpus/05-ambiguous-rent.xlsx",
        "--as-of",
        "2026-01-01",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let v = json(&out);
    assert_eq!(
        (&v["kind"], &v["header_row"], &v["status"]),
        (
            &serde_json::json!("commercial"),
            &serde_json::json!(4),
            &serde_json::json!("dry_run")
        )
    );
    assert_eq!(v["metrics"]["as_of"], "2026-01-01");
    assert!(v["written"].is_null());
    // A roll of two buildings repeats suites: still one object, status `rejected`, exit 1.
    let out = reos(&[
        "rent-roll",
        "preview",
        "golden/rent-roll/corpus/03-retail-two-line-header.xlsx",
        "--json",
    ]);
    assert!(!out.status.success());
    let v = json(&out);
    assert_eq!(
        (&v["status"], &v["header_lines"]),
        (&serde_json::json!("rejected"), &serde_json::json!(2))
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("duplicate_space"),
        "{}",
        text(&out)
    );
    // The printed preview names the header; a file that is not a roll exits 1.
    let out = reos(&["rent-roll", "preview", "golden/rent-roll/corpus/01-office-standard.csv"]);
    assert!(
        out.status.success() && text(&out).contains("header: row 5"),
        "{}",
        text(&out)
    );
    let out = reos(&["rent-roll", "preview", "README.md"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("no_header"), "{}", text(&out));
}
