//! Helpers every command group of the CLI uses: the `--tenant` lookup, JSON output files, progress
//! bars and `YYYY-MM-DD` arguments.
use crate::config::Settings;
use crate::persistence::{Database, TenantId, TenantTx};
use crate::services::tenants;
use anyhow::Context;
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;

/// A date argument: `YYYY-MM-DD`; anything else is refused with the expected format (clap names
/// the flag: "invalid value '07/01/2008' for '--from <FROM>': expected …").
pub(super) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    s.trim()
        .parse::<NaiveDate>()
        .map_err(|_| "expected a date as YYYY-MM-DD, e.g. 2008-07-01".to_owned())
}

/// Connects and opens a transaction bound to the tenant with this slug.
pub(super) async fn open_tenant(settings: &Settings, slug: &str) -> anyhow::Result<TenantTx> {
    let db = Database::connect(settings).await?;
    let tenant = tenant_by_slug(&db, slug).await?;
    Ok(TenantTx::begin(&db.service, TenantId::from_row(&tenant)).await?)
}

/// The tenant named by `--tenant`, or an error that says how to create it.
pub(super) async fn tenant_by_slug(db: &Database, slug: &str) -> anyhow::Result<reos_entities::tenant::Model> {
    tenants::by_slug(db, slug)
        .await
        .with_context(|| format!("--tenant: looking up tenant `{slug}` (has `reos migrate up` run?)"))?
        .with_context(|| format!("--tenant: no tenant with slug `{slug}` (create it with `reos tenant create`)"))
}

/// Writes `value` as pretty JSON (with a final newline), creating the folder first.
pub(super) fn write_json(path: &Path, value: &serde_json::Value) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
}

/// A progress bar on stderr labelled `what`.
pub(super) fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({elapsed}, eta {eta})") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_owned());
    pb
}

/// A file an import gate refused: every problem as a table on stderr, the report written to
/// `report_path` when asked, and the error the command exits with.
pub(super) fn refused(
    file: &Path,
    problems: &[impl crate::services::import_gate::Problem],
    rows: usize,
    report: &impl serde::Serialize,
    report_path: Option<&Path>,
) -> anyhow::Error {
    eprintln!("{:>6}  {:<18} {:<14} rule", "row", "field", "value");
    for v in problems {
        let row = v.row().map_or_else(|| "header".to_owned(), |r| r.to_string());
        eprintln!(
            "{row:>6}  {:<18} {:<14} {}",
            v.field(),
            format!("`{}`", v.value()),
            v.rule()
        );
    }
    if let Some(path) = report_path {
        let json = serde_json::json!({"status": "rejected", "report": report});
        if let Err(e) = write_json(path, &json) {
            return e;
        }
    }
    anyhow::anyhow!(
        "{}: {} problem(s) in {} row(s); nothing was imported",
        file.display(),
        problems.len(),
        rows
    )
}
