//! Golden-case runner: values every `<dir>/<case>/input.json` and compares each number of
//! `expected.json` with the engine's output. The only file I/O of the DCF module.
//!
//! A key missing from expected.json is not checked. An expected.json of the form
//! `{"error": {"field": "leases[0].end"}}` expects the input to be refused on that field.
//! Maximum-bid cases (`golden/max-bid`) also hold `targets.json` and optionally `program.json`;
//! their `{"error": "CODE"}` expects that no-answer code.

use std::fmt;
use std::path::Path;

use serde_json::Value;

use super::error::DcfError;
pub use super::golden_compare::Mismatch;
use super::golden_compare::{compare, compare_with_floor};
use super::loan_sizing::LoanProgram;
use super::max_bid::max_bid;
use super::model::DcfInput;

/// All cases found and every mismatch among them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldenReport {
    pub cases: Vec<String>,
    pub mismatches: Vec<Mismatch>,
}

impl GoldenReport {
    pub fn is_ok(&self) -> bool {
        self.mismatches.is_empty()
    }
}

impl fmt::Display for GoldenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} golden case(s), {} mismatch(es)",
            self.cases.len(),
            self.mismatches.len()
        )?;
        for m in &self.mismatches {
            writeln!(
                f,
                "  {} {}: expected {}, actual {}",
                m.case, m.path, m.expected, m.actual
            )?;
        }
        Ok(())
    }
}

/// Runs every DCF case folder under `dir` (folders without input.json are skipped).
pub fn verify_dir(dir: &Path) -> GoldenReport {
    verify_with(dir, |case, _, input, expected| check_case(case, input, expected))
}

/// [`verify_max_bid_dir`] when a case folder under `dir` holds a `targets.json`, else
/// [`verify_dir`].
pub fn verify_any(dir: &Path) -> GoldenReport {
    let max_bid = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.path().join("targets.json").is_file())
        })
        .unwrap_or(false);
    if max_bid {
        verify_max_bid_dir(dir)
    } else {
        verify_dir(dir)
    }
}

/// Runs every maximum-bid case folder under `dir`.
pub fn verify_max_bid_dir(dir: &Path) -> GoldenReport {
    verify_with(dir, check_max_bid_case)
}

/// Every case folder under `dir`, its input and expected.json read, checked by `check`.
fn verify_with(dir: &Path, check: impl Fn(&str, &Path, &str, &Value) -> Vec<Mismatch>) -> GoldenReport {
    let mut report = GoldenReport::default();
    let push = |report: &mut GoldenReport, case: &str, path: &str, expected: String, actual: String| {
        report.mismatches.push(Mismatch {
            case: case.to_string(),
            path: path.to_string(),
            expected,
            actual,
        });
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            push(
                &mut report,
                "<dir>",
                &dir.display().to_string(),
                "a readable folder".into(),
                e.to_string(),
            );
            return report;
        }
    };
    let mut folders: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("input.json").is_file())
        .collect();
    folders.sort();
    for folder in folders {
        let case = folder
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        report.cases.push(case.clone());
        let read = |name: &str| std::fs::read_to_string(folder.join(name));
        let (input, expected) = match (read("input.json"), read("expected.json")) {
            (Ok(i), Ok(e)) => (i, e),
            (Err(e), _) | (_, Err(e)) => {
                push(
                    &mut report,
                    &case,
                    "<files>",
                    "input.json and expected.json".into(),
                    e.to_string(),
                );
                continue;
            }
        };
        let expected: Value = match serde_json::from_str(&expected) {
            Ok(v) => v,
            Err(e) => {
                push(&mut report, &case, "expected.json", "valid JSON".into(), e.to_string());
                continue;
            }
        };
        report.mismatches.extend(check(&case, &folder, &input, &expected));
    }
    report
}

/// Compares one case; public so callers can check cases held in memory.
pub fn check_case(case: &str, input_json: &str, expected: &Value) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let result = DcfInput::from_json_str(input_json).and_then(|i| super::value(&i));
    let want_error = expected
        .get("error")
        .and_then(|e| e.get("field"))
        .and_then(Value::as_str);
    match (result, want_error) {
        (Err(e), Some(field)) if e.field() == field => {}
        (Err(e), want) => out.push(Mismatch {
            case: case.into(),
            path: "<error>".into(),
            expected: want.map_or_else(|| "a valuation".into(), |f| format!("error on {f}")),
            actual: e.to_string(),
        }),
        (Ok(_), Some(field)) => out.push(Mismatch {
            case: case.into(),
            path: "<error>".into(),
            expected: format!("error on {field}"),
            actual: "a valuation".into(),
        }),
        (Ok(r), None) => match serde_json::to_value(&r) {
            Ok(actual) => compare(case, "", expected, &actual, &mut out),
            Err(e) => out.push(Mismatch {
                case: case.into(),
                path: "<serialize>".into(),
                expected: "serializable result".into(),
                actual: e.to_string(),
            }),
        },
    }
    out
}

/// One maximum-bid case: `input.json`, `targets.json`, optional `program.json` in `folder`.
fn check_max_bid_case(case: &str, folder: &Path, input_json: &str, expected: &Value) -> Vec<Mismatch> {
    let miss = |path: &str, expected: String, actual: String| {
        vec![Mismatch {
            case: case.into(),
            path: path.into(),
            expected,
            actual,
        }]
    };
    let targets = match std::fs::read_to_string(folder.join("targets.json")).map(|t| serde_json::from_str(&t)) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => return miss("targets.json", "valid targets".into(), e.to_string()),
        Err(e) => return miss("targets.json", "a readable file".into(), e.to_string()),
    };
    let program_path = folder.join("program.json");
    let program: Option<LoanProgram> = if program_path.is_file() {
        match std::fs::read_to_string(&program_path).map(|t| serde_json::from_str(&t)) {
            Ok(Ok(p)) => Some(p),
            Ok(Err(e)) => return miss("program.json", "a valid program".into(), e.to_string()),
            Err(e) => return miss("program.json", "a readable file".into(), e.to_string()),
        }
    } else {
        None
    };
    let result = DcfInput::from_json_str(input_json).and_then(|i| max_bid(&i, &targets, program.as_ref()));
    let want_code = expected.get("error").and_then(Value::as_str);
    match (result, want_code) {
        (Err(DcfError::NoAnswer { code, .. }), Some(want)) if code == want => Vec::new(),
        (Err(e), want) => miss(
            "<error>",
            want.map_or_else(|| "a maximum bid".into(), str::to_owned),
            e.to_string(),
        ),
        (Ok(b), Some(want)) => miss("<error>", want.into(), format!("max_price {}", b.max_price)),
        (Ok(b), None) => match serde_json::to_value(&b) {
            Ok(actual) => {
                let mut out = Vec::new();
                compare_with_floor(case, "", expected, &actual, 1e-8 * b.max_price, &mut out);
                out
            }
            Err(e) => miss("<serialize>", "serializable result".into(), e.to_string()),
        },
    }
}
