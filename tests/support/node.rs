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
