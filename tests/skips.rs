//! The skip helper of `tests/support/skip.rs`: a skipped test says so on the process's stderr
//! even though libtest captures a passing test's output, the line lands in
//! `target/reos-skipped.txt`, and under `REOS_CI=1` a missing tool fails the test instead.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::process::{Command, Output};
use support::skip;

const REASON: &str = "the probe's tool is not installed";

/// Does nothing unless the tests below run it in a child process.
#[test]
fn skip_probe() {
    if std::env::var_os("REOS_SKIP_PROBE").is_none() {
        return;
    }
    skip::missing(REASON);
}

/// Runs only `skip_probe` in a child process of this test binary, output captured as usual.
fn run_probe(ci: bool) -> Output {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "skip_probe"]).env("REOS_SKIP_PROBE", "1");
    if ci {
        cmd.env("REOS_CI", "1");
    } else {
        cmd.env_remove("REOS_CI");
    }
    cmd.output().unwrap()
}

#[test]
fn a_skip_is_printed_and_recorded_although_libtest_captures_output() {
    let out = run_probe(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the probe failed: {stderr}");
    let line = format!("SKIPPED: skip_probe: {REASON}");
    assert!(stderr.lines().any(|l| l == line), "no `{line}` on stderr: {stderr}");
    let recorded = std::fs::read_to_string(skip::skipped_file()).unwrap();
    assert!(recorded.lines().any(|l| l == line), "no `{line}` in the skip file");
}

#[test]
fn under_ci_a_missing_tool_fails_the_test() {
    let out = run_probe(true);
    assert!(
        !out.status.success(),
        "REOS_CI=1 must fail a test whose tool is missing"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(REASON));
}
