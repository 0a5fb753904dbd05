//! Golden-case runner: values every `<dir>/<case>/input.json` and compares each number of
//! `expected.json` with the engine's output. The only file I/O of the DCF module.
//!
//! A key missing from expected.json is not checked. An expected.json of the form
//! `{"error": {"field": "leases[0].end"}}` expects the input to be refused on that field.

use std::fmt;
use std::path::Path;

use serde_json::Value;

pub use super::golden_compare::Mismatch;
use super::golden_compare::compare;
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

/// Runs every case folder under `dir` (folders without input.json are skipped).
pub fn verify_dir(dir: &Path) -> GoldenReport {
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
        report.mismatches.extend(check_case(&case, &input, &expected));
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
