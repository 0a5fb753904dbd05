//! Finds Node.js and a test's npm packages (installed by `.ci/run` with `npm ci`). When either is
//! missing the test is skipped with a `SKIPPED:` note locally, but fails when `REOS_CI=1`, so CI
//! can never pass by silently skipping.
use std::path::PathBuf;
use std::process::Command;

use super::skip;

/// The folder `tests/<dir>` when `node` runs and `tests/<dir>/node_modules/<module>` is installed.
pub fn tool_dir(dir: &str, module: &str) -> Option<PathBuf> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join(dir);
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = if !node_ok {
        Some("`node` is not installed".to_owned())
    } else if !folder.join("node_modules").join(module).join("package.json").exists() {
        Some(format!(
            "npm package {module} is not installed (run `npm ci` in tests/{dir})"
        ))
    } else {
        None
    };
    match missing {
        None => Some(folder),
        Some(why) => {
            skip::missing(&why);
            None
        }
    }
}

/// Debian's Chromium (`REOS_CHROMIUM` names another), or None with a skip note.
pub fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var("REOS_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if path.exists() {
        return Some(path);
    }
    skip::missing(&format!("{} is not there (`apt-get install chromium`)", path.display()));
    None
}

/// A node script's run: whether it exited 0, and the JSON it printed after its summary prefix.
pub struct ScriptRun {
    pub success: bool,
    pub summary: serde_json::Value,
}

/// Runs `node script args…` with `envs` on a blocking thread (the test's servers keep answering
/// on the runtime), within `limit`; prints what it wrote and reads the line starting `prefix`.
pub async fn run_script(
    script: PathBuf,
    args: Vec<String>,
    envs: Vec<(&'static str, String)>,
    prefix: &'static str,
    limit: std::time::Duration,
) -> ScriptRun {
    let run = tokio::task::spawn_blocking(move || Command::new("node").arg(script).args(args).envs(envs).output());
    let out = tokio::time::timeout(limit, run)
        .await
        .expect("the node script ends in time")
        .unwrap()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let summary = stdout
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .map(|s| serde_json::from_str(s).unwrap())
        .unwrap_or_else(|| panic!("the script printed no `{prefix}` line"));
    ScriptRun {
        success: out.status.success(),
        summary,
    }
}
