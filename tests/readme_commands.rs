//! README.md's commands run as written, and every doc the repository cites exists.
//!
//! Marker: a ```sh block right after the line `<!-- readme-commands: run -->` holds only commands
//! that must succeed from the repository root on a fresh data folder, run in order. Each line (a
//! trailing `\` joins the next) starts with `reos ` or `cargo run -- ` (run as `reos `); blank
//! lines and `#` comments are skipped. Blocks without the marker (`serve`, external services,
//! placeholders) are not run. The test runs every marked command through `sh` with `reos` bound
//! to this build's binary, from a scratch folder that links the repository's `examples/`,
//! `data/`, `golden/` and `ops/`, with every `REOS_*` variable cleared and `REOS_DATA_DIR` set to
//! a temp folder, on SQLite and (with `REOS_TEST_DATABASE_URL`) on a fresh PostgreSQL database.
//!
//! `REOS_README_ROOT=DIR` checks another checkout's README, docs and sources (the binary is still
//! this build's), e.g. an export of an older commit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::skip;

const MARKER: &str = "<!-- readme-commands: run -->";
/// Folders of the repository a README command may read, linked into the scratch folder.
const LINKED: [&str; 4] = ["examples", "data", "golden", "ops"];
/// Commands the walkthrough must cover: one per command that takes an input file.
const REQUIRED: [&str; 7] = [
    "reos import sales ",
    "reos value ",
    "reos import properties ",
    "reos import hazards ",
    "reos dcf ",
    "reos backtest ",
    "reos lease extract ",
];

fn repo_root() -> PathBuf {
    std::env::var_os("REOS_README_ROOT").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

/// The commands of every marked block, continuation lines joined, `cargo run -- ` → `reos `.
/// Errors name the README line of a marker without a ```sh block or of a line that is not a
/// `reos` command.
fn marked_commands(readme: &str) -> Result<Vec<String>, String> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != MARKER {
            i += 1;
            continue;
        }
        let marker_line = i + 1;
        i += 1;
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        if lines.get(i).map(|l| l.trim()) != Some("```sh") {
            return Err(format!(
                "README.md:{marker_line}: the marker is not followed by a ```sh block"
            ));
        }
        i += 1;
        let mut pending = String::new();
        loop {
            let Some(line) = lines.get(i) else {
                return Err(format!("README.md:{marker_line}: the marked block is not closed"));
            };
            i += 1;
            let t = line.trim();
            if t == "```" {
                break;
            }
            if pending.is_empty() && (t.is_empty() || t.starts_with('#')) {
                continue;
            }
            if let Some(head) = t.strip_suffix('\\') {
                pending.push_str(head.trim_end());
                pending.push(' ');
                continue;
            }
            pending.push_str(t);
            let cmd = std::mem::take(&mut pending);
            let cmd = ["cargo run -- ", "cargo run -q -- "]
                .iter()
                .find_map(|p| cmd.strip_prefix(p).map(|rest| format!("reos {rest}")))
                .unwrap_or(cmd);
            if !cmd.starts_with("reos ") {
                return Err(format!(
                    "README.md:{i}: `{cmd}` in a marked block is not a `reos` command"
                ));
            }
            out.push(cmd);
        }
    }
    Ok(out)
}

/// A scratch working folder that sees the repository's input folders, plus a data folder.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    for name in LINKED {
        std::os::unix::fs::symlink(root.join(name), dir.path().join(name)).unwrap();
    }
    let data = dir.path().join("reos-data");
    std::fs::create_dir(&data).unwrap();
    (dir, data)
}

/// Runs `cmd` as written through `sh`, `reos` being this build's binary; panics with its output
/// when it does not exit 0.
fn run(cmd: &str, cwd: &Path, env: &[(&str, &str)]) {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("reos() {{ \"$REOS_BIN\" \"$@\"; }}\n{cmd}"))
        .current_dir(cwd);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("REOS_") {
            c.env_remove(k);
        }
    }
    c.env("REOS_BIN", env!("CARGO_BIN_EXE_reos")).env("RUST_LOG", "warn");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    let tail = |b: &[u8]| {
        let s = String::from_utf8_lossy(b);
        let start = s.len().saturating_sub(3000);
        s.get(start..).unwrap_or(&s).to_owned()
    };
    assert!(
        out.status.success(),
        "README command failed ({}): {cmd}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        tail(&out.stdout),
        tail(&out.stderr)
    );
}

fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let cmds = marked_commands(&readme).unwrap_or_else(|e| panic!("{e}"));
    for want in REQUIRED {
        assert!(
            cmds.iter().any(|c| c.starts_with(want)),
            "README.md has no marked `{}…` command (marker `{MARKER}`); found: {cmds:#?}",
            want.trim_end()
        );
    }
    cmds
}

#[test]
fn readme_walkthrough_runs_on_sqlite() {
    let cmds = readme_commands();
    let (dir, data) = scratch();
    let data = data.to_str().unwrap();
    for cmd in &cmds {
        run(cmd, dir.path(), &[("REOS_DATA_DIR", data)]);
    }
}

#[tokio::test]
async fn readme_walkthrough_runs_on_postgres() {
    use sea_orm::ConnectionTrait;
    let Some(admin) = std::env::var("REOS_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) else {
        skip::skip("REOS_TEST_DATABASE_URL is not set, README walkthrough on PostgreSQL not run");
        return;
    };
    let cmds = readme_commands();
    let name = format!("reos_test_{}", uuid::Uuid::new_v4().simple());
    let admin_conn = sea_orm::Database::connect(admin.as_str()).await.unwrap();
    admin_conn
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let owner = format!("{base}/{name}");
    // As the README's PostgreSQL section: migrations as the owner, the service as a login role
    // that is a member of reos_app (row-level security applies to it).
    let (dir, data) = scratch();
    let data = data.to_str().unwrap().to_owned();
    run(
        "reos migrate up",
        dir.path(),
        &[("REOS_DATA_DIR", &data), ("REOS_DATABASE_URL", &owner)],
    );
    admin_conn
        .execute_unprepared(&format!(
            "DO $$ BEGIN
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reos_service') THEN
                 CREATE ROLE reos_service LOGIN NOSUPERUSER NOBYPASSRLS;
               END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;
             GRANT {} TO reos_service;",
            reos_migrations::APP_ROLE
        ))
        .await
        .unwrap();
    let (scheme, rest) = owner.split_once("://").unwrap();
    let host = rest.split_once('@').map_or(rest, |(_, h)| h);
    let service = format!("{scheme}://reos_service@{host}");
    let env = [
        ("REOS_DATA_DIR", data.as_str()),
        ("REOS_DATABASE_OWNER_URL", owner.as_str()),
        ("REOS_DATABASE_URL", service.as_str()),
    ];
    for cmd in &cmds {
        run(cmd, dir.path(), &env);
    }
    // Best effort: `.ci/run` drops leftover reos_test_* databases anyway.
    let _ = admin_conn
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await;
}

/// Every `docs/…md` path cited by README.md, docs/, the example and data READMEs and the Rust
/// sources (comments, `--help` texts) exists; so does every `examples/…` and `data/…` input file
/// the README names.
#[test]
fn every_cited_doc_and_example_file_exists() {
    let root = repo_root();
    let mut files = vec![
        root.join("README.md"),
        root.join("examples/README.md"),
        root.join("data/README.md"),
    ];
    let mut dirs = vec![root.join("src"), root.join("docs")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "md") {
                files.push(p);
            }
        }
    }
    let docs = regex::Regex::new(r"\bdocs/[A-Za-z0-9_-]+\.md").unwrap();
    let inputs = regex::Regex::new(r"\b(?:examples|data)/[A-Za-z0-9_.-]+\.(?:csv|jsonl|json)").unwrap();
    let mut missing = Vec::new();
    let mut seen = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let is_readme = f.ends_with("README.md") && f.parent() == Some(root.as_path());
        let found = docs
            .find_iter(&text)
            .chain(inputs.find_iter(&text).filter(|_| is_readme));
        for m in found {
            seen += 1;
            if !root.join(m.as_str()).is_file() {
                missing.push(format!(
                    "{} cites {}",
                    f.strip_prefix(&root).unwrap_or(f).display(),
                    m.as_str()
                ));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(seen > 0, "no citations found under {}", root.display());
    assert!(
        missing.is_empty(),
        "cited files that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_marker_parser_joins_lines_maps_cargo_run_and_refuses_other_commands() {
    let md =
        format!("```sh\nreos serve\n```\n{MARKER}\n```sh\n# comment\nreos a \\\n   --b c\n\ncargo run -- d\n```\n");
    assert_eq!(marked_commands(&md).unwrap(), vec!["reos a --b c", "reos d"]);
    let bad = format!("{MARKER}\n```sh\nexport X=1\n```\n");
    assert!(marked_commands(&bad).unwrap_err().contains("not a `reos` command"));
    assert!(
        marked_commands(&format!("{MARKER}\ntext\n"))
            .unwrap_err()
            .contains("```sh")
    );
    assert!(
        marked_commands(&format!("{MARKER}\n```sh\nreos x\n"))
            .unwrap_err()
            .contains("not closed")
    );
}
