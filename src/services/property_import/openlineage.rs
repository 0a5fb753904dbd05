//! OpenLineage run events (spec 2-0-2) for pipeline runs: START when a run begins and COMPLETE,
//! ABORT (blocked by a gate) or FAIL when it ends, POSTed to an `http(s)://` endpoint or appended
//! to a file as JSON lines. Emitting never fails an import: a failure is logged and counted.
use super::{ImportOptions, ImportReport};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::io::Write;
use uuid::Uuid;

const PRODUCER: &str = "https://github.com/reos/reos/tree/main/src/services/property_import";
const SCHEMA: &str = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

/// The run event for `report` as it stands (`event_type`: START, COMPLETE, ABORT or FAIL).
pub fn event(tenant: Uuid, report: &ImportReport, event_type: &str, at: DateTime<Utc>) -> Value {
    let inputs: Vec<Value> = report
        .inputs
        .iter()
        .map(|i| {
            json!({
                "namespace": "file",
                "name": i.file_name,
                "facets": {"reos_input": {
                    "_producer": PRODUCER, "_schemaURL": SCHEMA, "role": i.role, "sha256": i.checksum,
                }},
            })
        })
        .collect();
    let outputs: Vec<Value> = [
        "properties",
        "field_provenance",
        "property_hazards",
        "leases",
        "unit_mix",
        "valuations",
    ]
    .iter()
    .map(|t| json!({"namespace": format!("reos://tenant/{tenant}"), "name": t}))
    .collect();
    let mut run_facets = json!({
        "reos_run": {
            "_producer": PRODUCER, "_schemaURL": SCHEMA,
            "source": report.source, "actor": report.actor, "outcome": report.outcome,
            "counts": report.counts, "timings_ms": report.timings, "model_versions": report.model_versions,
        }
    });
    if event_type == "FAIL" || event_type == "ABORT" {
        run_facets["errorMessage"] = json!({
            "_producer": PRODUCER,
            "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json",
            "message": format!("pipeline run {}", report.outcome),
            "programmingLanguage": "rust",
        });
    }
    json!({
        "eventType": event_type,
        "eventTime": at.to_rfc3339(),
        "producer": PRODUCER,
        "schemaURL": SCHEMA,
        "run": {"runId": report.run_id, "facets": run_facets},
        "job": {"namespace": format!("reos://tenant/{tenant}"), "name": "import_properties"},
        "inputs": inputs,
        "outputs": if event_type == "START" { Vec::new() } else { outputs },
    })
}

/// Sends `event` to the configured destination, if any; failures are logged, not returned.
pub async fn emit(opts: &ImportOptions, event: Value) {
    let Some(dest) = opts.openlineage.as_deref() else {
        return;
    };
    let result = if dest.starts_with("http://") || dest.starts_with("https://") {
        post(dest, &event).await
    } else {
        append(dest, &event)
    };
    if let Err(e) = result {
        tracing::warn!(error = %e, destination = dest, "OpenLineage event not delivered");
    }
}

/// One HTTP client for every event of the process (it keeps connections), built on first use.
fn client() -> anyhow::Result<&'static reqwest::Client> {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    if let Some(c) = CLIENT.get() {
        return Ok(c);
    }
    let built = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()?;
    Ok(CLIENT.get_or_init(|| built))
}

async fn post(url: &str, event: &Value) -> anyhow::Result<()> {
    client()?.post(url).json(event).send().await?.error_for_status()?;
    Ok(())
}

fn append(path: &str, event: &Value) -> anyhow::Result<()> {
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    writeln!(f, "{event}")?;
    Ok(())
}

/// The event type that closes a run with this outcome.
pub fn closing_type(outcome: &str) -> &'static str {
    use reos_entities::enums::RunOutcome;
    match outcome.parse() {
        Ok(RunOutcome::Succeeded) => "COMPLETE",
        Ok(RunOutcome::Blocked | RunOutcome::Interrupted) => "ABORT",
        Ok(RunOutcome::Failed) | Err(_) => "FAIL",
    }
}
