//! One way for a test to skip itself when something it needs is missing (a tool, a server, an
//! environment variable): `SKIPPED: <test>: <reason>` goes straight to the process's stderr, which
//! libtest does not capture, so `cargo test` shows every skip even for a passing test, and the
//! line is appended to `target/reos-skipped.txt`. Count a run's skips with
//! `cargo test --workspace 2>&1 | grep -c '^SKIPPED:'`.
use std::io::Write;
use std::path::PathBuf;

/// The file every skip is appended to: `target/reos-skipped.txt`.
pub fn skipped_file() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map_or(tmp.clone(), PathBuf::from).join("reos-skipped.txt")
}

/// The running test's name (libtest names each test's thread after it).
fn test_name() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" => name.to_owned(),
        _ => "(unnamed test)".to_owned(),
    }
}

/// Records that the running test did not run for `reason`; the caller then returns. For things
/// CI never has (a real Neo4j, a database URL a developer may leave unset).
pub fn skip(reason: &str) {
    let line = format!("SKIPPED: {}: {reason}\n", test_name());
    // `eprintln!` would be captured by libtest and shown only for failing tests. The leading
    // newline ends a `test name ... ` that libtest may have left open, so the line starts with
    // `SKIPPED:` for `grep`.
    let _ = std::io::stderr().write_all(format!("\n{line}").as_bytes());
    let file = skipped_file();
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(&file) {
        let _ = f.write_all(line.as_bytes());
    }
}

/// [`skip`] for something CI always provides: under `REOS_CI=1` the test fails instead, so CI
/// can never pass by silently skipping.
pub fn missing(reason: &str) {
    if std::env::var("REOS_CI").as_deref() == Ok("1") {
        panic!("REOS_CI=1 but {reason}");
    }
    skip(reason);
}
