//! The `reos` binary of this build run as a user runs it: from the repository root, every
//! `REOS_*` variable (and `RUST_LOG`) cleared, optionally on a data folder of its own.
use std::path::Path;
use std::process::{Command, Output};

/// Runs `reos ARGS` (with `REOS_DATA_DIR=data` when given) and waits for it.
pub fn reos(data: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reos"));
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("REOS_") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    if let Some(d) = data {
        cmd.env("REOS_DATA_DIR", d);
    }
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("reos {args:?}: {e}"))
}

/// Standard output and error together, for messages.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Standard output of a run that must have succeeded.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
