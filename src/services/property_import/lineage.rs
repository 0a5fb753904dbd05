//! The run's lineage: counts, the report skeleton, and the `pipeline_runs` row with its gate
//! results (failed expectations and rejected rows), written in a transaction of its own.
use super::{ImportOptions, ImportReport, Target};
use crate::pipeline::{GateReport, ParsedRows, RowError, Severity};
use chrono::{DateTime, Utc};
use reos_entities::enums::{GateSeverity, RunOutcome};
use reos_entities::{pipeline_gate_result, pipeline_run};
use sea_orm::{ActiveModelTrait, DbErr, EntityTrait, Set};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// What a run counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Data rows in the file.
    pub read: u64,
    /// New properties.
    pub written: u64,
    /// Rows merged into a property that already existed (stored, or earlier in the file).
    pub merged: u64,
    /// Rows left out (parse, address or database-constraint errors).
    pub rejected: u64,
    /// Warning-level gate failures.
    pub warnings: u64,
    /// Stored properties whose values changed.
    pub updated: u64,
    pub hazards: u64,
    pub provenance: u64,
    pub owners: u64,
    pub ownerships: u64,
    pub valuations: u64,
    /// Leases and unit types written (new or changed).
    pub leases: u64,
    pub unit_types: u64,
    /// DCF valuations saved (properties with leases or a unit mix).
    pub dcf_valuations: u64,
}

impl Counts {
    /// Adds another tally (a batch's) field by field.
    pub(super) fn add(&mut self, o: &Counts) {
        self.read += o.read;
        self.written += o.written;
        self.merged += o.merged;
        self.rejected += o.rejected;
        self.warnings += o.warnings;
        self.updated += o.updated;
        self.hazards += o.hazards;
        self.provenance += o.provenance;
        self.owners += o.owners;
        self.ownerships += o.ownerships;
        self.valuations += o.valuations;
        self.leases += o.leases;
        self.unit_types += o.unit_types;
        self.dcf_valuations += o.dcf_valuations;
    }
}

/// One row merged into an existing property.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeNote {
    pub row: usize,
    pub external_id: String,
    pub property_id: Uuid,
    /// Whether the property was stored before this run (else it came from an earlier row).
    pub existing: bool,
    pub changed: Vec<String>,
}

/// One input file of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub file_name: String,
    /// `properties`, `leases` or `unit_mix`.
    pub role: String,
    pub checksum: String,
}

pub(super) fn new_report(opts: &ImportOptions, bytes: &[u8], started_at: DateTime<Utc>) -> ImportReport {
    let versions = [
        ("comp-critic", crate::analytics::comps::MODEL_VERSION),
        ("gates", "gates-1"),
        ("hazards", "hazards-1"),
        ("address", "usps-pub28-1"),
        ("dcf", crate::analytics::dcf::MODEL_VERSION),
    ];
    ImportReport {
        run_id: opts.run_id.unwrap_or_else(Uuid::now_v7),
        outcome: "running".into(),
        file_name: opts.file_name.clone(),
        source: opts.source.clone(),
        actor: opts.actor.clone(),
        checksum: crate::domain::hash::sha256_hex(bytes),
        counts: Counts::default(),
        rejected: Vec::new(),
        gates: GateReport::default(),
        merges: Vec::new(),
        timings: BTreeMap::new(),
        model_versions: versions.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        inputs: std::iter::once((opts.file_name.as_str(), "properties", bytes))
            .chain(
                opts.companions
                    .iter()
                    .map(|c| (c.file_name.as_str(), c.kind.key(), &c.bytes[..])),
            )
            .map(|(name, role, b)| Input {
                file_name: name.to_owned(),
                role: role.to_owned(),
                checksum: crate::domain::hash::sha256_hex(b),
            })
            .collect(),
        scoring_notes: BTreeMap::new(),
        started_at,
        finished_at: started_at,
    }
}

pub(super) fn distinct_rows(errors: &[RowError]) -> u64 {
    errors.iter().map(|e| e.row).collect::<BTreeSet<_>>().len() as u64
}

/// Rows that parsed plus rows that did not.
pub(super) fn rows_read(parsed: &ParsedRows) -> u64 {
    let ok: BTreeSet<usize> = parsed.rows.iter().map(|r| r.row).collect();
    let bad: BTreeSet<usize> = parsed
        .errors
        .iter()
        .map(|e| e.row)
        .filter(|r| !ok.contains(r))
        .collect();
    (ok.len() + bad.len()) as u64
}

fn result_row(
    tenant: Uuid,
    run: Uuid,
    row: usize,
    field: &str,
    value: &str,
    expectation: &str,
    severity: GateSeverity,
) -> pipeline_gate_result::ActiveModel {
    pipeline_gate_result::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant),
        run_id: Set(run),
        row: Set(i32::try_from(row).unwrap_or(i32::MAX)),
        field: Set(field.to_owned()),
        value: Set(value.to_owned()),
        expectation: Set(expectation.to_owned()),
        severity: Set(severity),
    }
}

/// Writes the run row and its gate results, then commits (a connection target) — after any
/// rollback, so a blocked batch leaves the tenant's data as it was.
pub(super) async fn record(target: Target<'_>, report: &mut ImportReport) -> Result<(), DbErr> {
    report.finished_at = Utc::now();
    let tx = target.begin().await?;
    let tenant = tx.get().tenant().uuid();
    pipeline_run::ActiveModel {
        id: Set(report.run_id),
        tenant_id: Set(tenant),
        file_name: Set(report.file_name.clone()),
        checksum: Set(report.checksum.clone()),
        source: Set(report.source.clone()),
        actor: Set(report.actor.clone()),
        started_at: Set(report.started_at),
        finished_at: Set(report.finished_at),
        outcome: Set(report
            .outcome
            .parse::<RunOutcome>()
            .map_err(|e| DbErr::Custom(format!("pipeline run {}: {e}", report.run_id)))?),
        counts: Set(to_json(&report.counts)),
        timings: Set(to_json(&report.timings)),
        model_versions: Set(to_json(&report.model_versions)),
        inputs: Set(Some(to_json(&report.inputs))),
    }
    .insert(tx.get().conn().await?)
    .await?;
    let mut rows: Vec<pipeline_gate_result::ActiveModel> = Vec::new();
    for f in &report.gates.failures {
        let severity = match f.severity {
            Severity::Blocking => GateSeverity::Blocking,
            Severity::Warning => GateSeverity::Warning,
        };
        rows.push(result_row(
            tenant,
            report.run_id,
            f.row,
            &f.field,
            &f.value,
            &f.expectation,
            severity,
        ));
    }
    for e in &report.rejected {
        rows.push(result_row(
            tenant,
            report.run_id,
            e.row,
            &e.field,
            &e.value,
            &e.message,
            GateSeverity::Rejected,
        ));
    }
    for chunk in rows.chunks(2000) {
        pipeline_gate_result::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.get().conn().await?)
            .await?;
    }
    tx.commit().await
}

/// Report parts are plain data, so serializing cannot fail in practice (`null` if it did).
fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}
