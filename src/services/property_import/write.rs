//! Writing an import: rows grouped by address hash, ~`batch_rows` rows per transaction; each
//! group merges into the tenant's stored property with that hash (or becomes a new one), with a
//! provenance row per written field, a hazards row, and owners/ownership when named.
use super::batch_writes::{ChildWrite, Writes, checked_row};
use super::hazards::HAZARD_FIELDS;
use super::map::{apply, db_conflicts, to_map};
use super::{ImportOptions, ImportReport, MergeNote, PipelineError, Target};
use crate::persistence::TenantTx;
use crate::persistence::repositories::scoped;
use crate::pipeline::provenance::same_value;
use crate::pipeline::{AddressGroup, AddressedRow, ParsedRow, ProvenanceRecord, RowError, WriteContext, merge};
use chrono::{DateTime, Utc};
use reos_entities::enums::{OwnerType, PropertyType};
use reos_entities::{field_provenance, property, property_hazard};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};
use std::time::Instant;
use uuid::Uuid;

const OWNER_FIELDS: [&str; 3] = ["owner_name", "owner_type", "owner_share_pct"];

/// Batches in flight at once when the target allows it (see [`Target::concurrent`]).
const WRITERS: usize = 2;

/// What [`all`] wrote.
pub(super) struct Written {
    /// The properties written or merged into, in file order.
    pub(super) touched: Vec<Uuid>,
    /// False when the run was cancelled before every batch had started.
    pub(super) complete: bool,
}

/// Writes every group, committing batch by batch. On PostgreSQL outside a request, [`WRITERS`]
/// batches run at once, each in its own transaction on its own connection, so the server inserts
/// one while this task prepares the next; results are taken in file order, so the report and ids
/// come out as if sequential. After a failure, or once `opts.cancel` is set, no further batch
/// starts, those still in flight finish (committed or not), and the report counts exactly the
/// committed batches.
pub(super) async fn all(
    target: Target<'_>,
    opts: &ImportOptions,
    rows: &[ParsedRow],
    addressed: &[AddressedRow],
    groups: &[AddressGroup],
    report: &mut ImportReport,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Written, PipelineError> {
    use futures_util::StreamExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    let by_index: HashMap<usize, &AddressedRow> = addressed.iter().map(|a| (a.index, a)).collect();
    let total = addressed.len() as u64;
    let known = {
        let t = Instant::now();
        let tx = target.begin().await?;
        let k = Known::load(tx.get()).await?;
        tx.commit().await?;
        lap(report, "write.lookup", t);
        k
    };
    let warned: HashSet<(usize, String)> = report
        .gates
        .failures
        .iter()
        .filter(|f| f.severity == crate::pipeline::Severity::Warning)
        .map(|f| (f.row, f.field.clone()))
        .collect();
    let shared = Shared {
        opts,
        rows,
        by_index: &by_index,
        known: &known,
        warned: &warned,
    };
    let width = if target.concurrent() { WRITERS } else { 1 };
    let template = report.part();
    let (failed, skipped) = (AtomicBool::new(false), AtomicBool::new(false));
    let mut written = futures_util::stream::iter(batches(groups, opts.batch_rows))
        .map(|range| {
            let (shared, failed, skipped, mut part) = (&shared, &failed, &skipped, template.part());
            async move {
                if failed.load(Ordering::Acquire) {
                    return Ok(None);
                }
                if opts.cancelled() {
                    skipped.store(true, Ordering::Release);
                    return Ok(None);
                }
                let n: usize = groups[range.clone()].iter().map(|g| g.members.len()).sum();
                let tx = target.begin().await?;
                let ids = batch(tx.get(), shared, &groups[range], &mut part).await?;
                if opts.graph_outbox
                    && let Some(&id) = ids.first()
                {
                    // One row is enough: a drain rebuilds the tenant's whole graph.
                    let kind = crate::graph::outbox::OutboxKind::Property;
                    crate::graph::outbox::enqueue(tx.get().conn().await?, tx.get().tenant(), kind, id).await?;
                }
                tx.commit().await?;
                Ok::<_, PipelineError>(Some((ids, part, n as u64)))
            }
        })
        .buffered(width);
    let (mut touched, mut done, mut error) = (Vec::new(), 0u64, None);
    while let Some(result) = written.next().await {
        match result {
            Ok(Some((ids, part, n))) => {
                report.absorb(part);
                touched.extend(ids);
                done += n;
                progress(done, total);
            }
            Ok(None) => {}
            Err(e) => {
                failed.store(true, Ordering::Release);
                error.get_or_insert(e);
            }
        }
    }
    match error {
        Some(e) => Err(e),
        None => Ok(Written {
            touched,
            complete: !skipped.load(Ordering::Acquire),
        }),
    }
}

/// Consecutive ranges of groups holding about `batch_rows` rows each (a group is never split).
fn batches(groups: &[AddressGroup], batch_rows: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < groups.len() {
        let (mut end, mut n) = (start, 0usize);
        while end < groups.len() && (n == 0 || n + groups[end].members.len() <= batch_rows.max(1)) {
            n += groups[end].members.len();
            end += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// What every batch of an import reads.
struct Shared<'a> {
    opts: &'a ImportOptions,
    rows: &'a [ParsedRow],
    by_index: &'a HashMap<usize, &'a AddressedRow>,
    known: &'a Known,
    /// `(row, field)` of every warning: those values are recorded with validation 0.5.
    warned: &'a HashSet<(usize, String)>,
}

/// The tenant's address hashes and external ids when the import starts, read once so a batch
/// queries stored properties only for the hashes that can match (the table may be large and,
/// right after a bulk load, without planner statistics).
struct Known {
    hashes: HashSet<String>,
    external_ids: HashSet<String>,
}

impl Known {
    async fn load(tx: &TenantTx) -> Result<Self, PipelineError> {
        use property::Column as P;
        let rows: Vec<(Option<String>, Option<String>)> = scoped::<property::Entity>(tx)
            .select_only()
            .column(P::AddressHash)
            .column(P::ExternalId)
            .into_tuple()
            .all(tx.conn().await?)
            .await?;
        let mut k = Known {
            hashes: HashSet::with_capacity(rows.len()),
            external_ids: HashSet::with_capacity(rows.len()),
        };
        for (h, e) in rows {
            k.hashes.extend(h);
            k.external_ids.extend(e);
        }
        Ok(k)
    }
}

fn blank(id: Uuid, tenant: Uuid, now: DateTime<Utc>, source: &str) -> property::Model {
    property::Model {
        source: Some(source.to_owned()),
        // The type is replaced by the row's (a required column) when the merged values are applied.
        ..property::Model::blank(id, tenant, PropertyType::SingleFamily, now)
    }
}

/// The row's values with the address in its normalized form, so a re-typed address is no change.
fn incoming(r: &ParsedRow, a: &AddressedRow) -> Map<String, Value> {
    let mut m = r.data.field_values();
    let n = &a.address;
    m.insert("address".into(), json!(n.line1));
    m.insert("unit".into(), json!(n.unit));
    m.insert("city".into(), json!(n.city));
    m.insert("state".into(), json!(n.state));
    m.insert("zip".into(), json!(n.zip));
    m
}

fn reject(report: &mut ImportReport, row: usize, field: &str, value: Option<&Value>, message: String) {
    let value = match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    };
    report.rejected.push(RowError {
        row,
        field: field.to_owned(),
        value,
        message,
    });
}

async fn batch(
    tx: &TenantTx,
    shared: &Shared<'_>,
    groups: &[AddressGroup],
    report: &mut ImportReport,
) -> Result<Vec<Uuid>, PipelineError> {
    use property::Column as P;
    let Shared {
        opts,
        rows,
        by_index,
        known,
        warned,
    } = *shared;
    let tenant = tx.tenant().uuid();
    let now = Utc::now();
    let t = Instant::now();
    let hashes: Vec<&str> = groups
        .iter()
        .map(|g| g.hash.as_str())
        .filter(|h| known.hashes.contains(*h))
        .collect();
    let stored: HashMap<String, property::Model> = if hashes.is_empty() {
        HashMap::new()
    } else {
        scoped::<property::Entity>(tx)
            .filter(P::AddressHash.is_in(hashes))
            .all(tx.conn().await?)
            .await?
            .into_iter()
            .filter_map(|p| p.address_hash.clone().map(|h| (h, p)))
            .collect()
    };
    let extra = side_values(tx, &stored).await?;
    lap(report, "write.lookup", t);
    let t = Instant::now();
    let mut w = Writes::default();
    for g in groups {
        let p = stored.get(&g.hash);
        let known = p.and_then(|p| extra.get(&p.id));
        let ctx = GroupCtx {
            tenant,
            now,
            opts,
            rows,
            by_index,
            taken: &shared.known.external_ids,
            warned,
        };
        group(&ctx, g, p, known, report, &mut w)?;
    }
    lap(report, "write.merge", t);
    flush(tx, now, opts, w, report).await
}

/// Adds the milliseconds since `t` to the stage's running total.
fn lap(report: &mut ImportReport, stage: &str, t: Instant) {
    let ms = u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX);
    *report.timings.entry(stage.to_owned()).or_default() += ms;
}

/// The last recorded values of the fields a stored property has no column for (hazard scores,
/// owner), so re-importing them is no change either.
async fn side_values(
    tx: &TenantTx,
    stored: &HashMap<String, property::Model>,
) -> Result<HashMap<Uuid, Map<String, Value>>, PipelineError> {
    use field_provenance::Column as F;
    let mut out: HashMap<Uuid, Map<String, Value>> = HashMap::new();
    if stored.is_empty() {
        return Ok(out);
    }
    let ids: Vec<Uuid> = stored.values().map(|p| p.id).collect();
    let fields: Vec<&str> = HAZARD_FIELDS.iter().chain(OWNER_FIELDS.iter()).copied().collect();
    let rows = scoped::<field_provenance::Entity>(tx)
        .filter(F::Entity.eq("property"))
        .filter(F::EntityId.is_in(ids))
        .filter(F::Field.is_in(fields))
        .order_by_asc(F::RecordedAt)
        .order_by_asc(F::Id)
        .all(tx.conn().await?)
        .await?;
    for r in rows {
        out.entry(r.entity_id).or_default().insert(r.field, r.value);
    }
    Ok(out)
}

/// What every group of a batch shares.
struct GroupCtx<'a> {
    tenant: Uuid,
    now: DateTime<Utc>,
    opts: &'a ImportOptions,
    rows: &'a [ParsedRow],
    by_index: &'a HashMap<usize, &'a AddressedRow>,
    /// External ids of stored properties (a new property must not reuse one).
    taken: &'a HashSet<String>,
    /// `(row, field)` of every warning: those values are recorded with validation 0.5.
    warned: &'a HashSet<(usize, String)>,
}

/// Merges a group's rows (into `stored` when the tenant has the address; `known` adds its last
/// recorded hazard and owner values) and queues the writes.
fn group(
    c: &GroupCtx<'_>,
    g: &AddressGroup,
    stored: Option<&property::Model>,
    known: Option<&Map<String, Value>>,
    report: &mut ImportReport,
    w: &mut Writes,
) -> Result<(), PipelineError> {
    let GroupCtx {
        tenant,
        now,
        opts,
        rows,
        by_index,
        taken,
        warned,
    } = *c;
    let id = stored.map_or_else(Uuid::now_v7, |p| p.id);
    let mut current: Option<Map<String, Value>> = stored.map(|p| {
        let mut m = to_map(p);
        m.extend(known.cloned().unwrap_or_default());
        m
    });
    let initial = current.clone();
    let first_record = w.provenance.len();
    let (mut changed, mut hazard_changed, mut owner_changed) = (false, false, false);
    let mut normalized = None;
    for &i in &g.members {
        let (r, Some(a)) = (&rows[i], by_index.get(&i)) else {
            continue;
        };
        let mut values = incoming(r, a);
        if current.as_ref().is_some_and(|c| c.contains_key("external_id")) {
            // The property keeps its first external id; the duplicate's is in the merge note.
            values.remove("external_id");
        }
        let ctx = WriteContext {
            entity: "property".into(),
            source: opts.source.clone(),
            method: "import".into(),
            confidence: opts.confidence,
            evidence_uri: Some(format!("{}#row={}", opts.file_name, r.row)),
            actor: opts.actor.clone(),
        };
        let out = merge(current.as_ref(), &values, &ctx)?;
        let conflicts = db_conflicts(&out.merged);
        if !conflicts.is_empty() {
            for (field, why) in conflicts {
                reject(report, r.row, field, out.merged.get(field), why);
            }
            continue;
        }
        if current.is_none() && taken.contains(&r.data.external_id) {
            let msg = "already names a stored property at another address".to_owned();
            reject(report, r.row, "external_id", values.get("external_id"), msg);
            continue;
        }
        if current.is_some() {
            report.counts.merged += 1;
            report.merges.push(MergeNote {
                row: r.row,
                external_id: r.data.external_id.clone(),
                property_id: id,
                existing: stored.is_some(),
                changed: out.changed.clone(),
            });
        }
        hazard_changed |= out.changed.iter().any(|f| HAZARD_FIELDS.contains(&f.as_str()));
        owner_changed |= out.changed.iter().any(|f| OWNER_FIELDS.contains(&f.as_str()));
        changed |= !out.changed.is_empty();
        normalized.get_or_insert((a.address.normalized.clone(), a.hash.clone()));
        let validated = |p: ProvenanceRecord| {
            let warning = warned.contains(&(r.row, p.field.clone()));
            checked_row(tenant, id, p, now, warning)
        };
        w.provenance.extend(out.records.into_iter().map(validated));
        current = Some(out.merged);
        queue_children(opts, id, r, warned, w);
    }
    let Some(mut merged) = current else { return Ok(()) };
    if let Some(before) = &initial
        && same_value(&Value::Object(before.clone()), &Value::Object(merged.clone()))
    {
        // Rows that disagree with each other but end where the stored property is (a re-import
        // of such a file) change nothing, so nothing is written or recorded.
        w.provenance.truncate(first_record);
        (changed, hazard_changed, owner_changed) = (false, false, false);
    }
    w.touched.push(id);
    match stored {
        None => {
            report.counts.written += 1;
            let mut m = apply(blank(id, tenant, now, &opts.source), &merged);
            if let Some((n, h)) = normalized {
                m.normalized_address = Some(n);
                m.address_hash = Some(h);
            }
            w.inserts.push(m);
        }
        Some(p) if changed => {
            report.counts.updated += 1;
            let mut m = apply(p.clone(), &merged);
            m.updated_at = now;
            w.updates.push(m);
        }
        Some(_) => {}
    }
    if stored.is_none() || hazard_changed {
        super::hazards::assess_into(tenant, id, now, opts, &mut merged, report, w)?;
    }
    if owner_changed && let Some(name) = merged.get("owner_name").and_then(Value::as_str) {
        // `db_conflicts` has rejected the rows with an unknown type.
        let kind = merged
            .get("owner_type")
            .and_then(Value::as_str)
            .and_then(|t| t.parse().ok())
            .unwrap_or(OwnerType::Other);
        let share = merged.get("owner_share_pct").and_then(Value::as_f64).unwrap_or(100.0);
        w.owners.push((id, name.to_owned(), kind, share));
    }
    Ok(())
}

/// Queues the row's leases and unit types for the property it was merged into.
fn queue_children(
    opts: &ImportOptions,
    property: Uuid,
    r: &ParsedRow,
    warned: &HashSet<(usize, String)>,
    w: &mut Writes,
) {
    for c in r.data.leases.iter().chain(&r.data.unit_mix) {
        let kind = if c.label.starts_with("leases") {
            crate::pipeline::ChildKind::Lease
        } else {
            crate::pipeline::ChildKind::UnitMix
        };
        // A JSONL child is at `file#row=N/leases[0]`; a companion CSV's at `companion#row=N`.
        let evidence = match opts
            .companions
            .iter()
            .find(|f| f.kind == kind && !c.label.contains('['))
        {
            Some(f) => format!("{}#row={}", f.file_name, c.row),
            None => format!("{}#row={}/{}", opts.file_name, c.row, c.label),
        };
        let prefix = format!("{}.", c.label);
        let warned_fields = warned
            .iter()
            .filter(|(row, _)| *row == c.row)
            .filter_map(|(_, f)| f.strip_prefix(&prefix).map(str::to_owned))
            .collect();
        w.children.push(ChildWrite {
            property,
            kind,
            values: c.values.clone(),
            evidence,
            warned_fields,
        });
    }
}

/// Batched INSERTs (chunked under SQLite's bind-parameter limit) and per-row UPDATEs of merges.
async fn flush(
    tx: &TenantTx,
    now: DateTime<Utc>,
    opts: &ImportOptions,
    mut w: Writes,
    report: &mut ImportReport,
) -> Result<Vec<Uuid>, PipelineError> {
    let conn = tx.conn().await?;
    let t = Instant::now();
    for chunk in w.inserts.chunks(400) {
        let models: Vec<property::ActiveModel> = chunk.iter().cloned().map(Into::into).collect();
        property::Entity::insert_many(models)
            .exec_without_returning(conn)
            .await?;
    }
    for m in w.updates {
        property::ActiveModel::from(m).reset_all().update(conn).await?;
    }
    lap(report, "write.properties", t);
    let t = Instant::now();
    super::children::write(
        tx,
        now,
        opts,
        std::mem::take(&mut w.children),
        report,
        &mut w.provenance,
    )
    .await?;
    lap(report, "write.children", t);
    let t = Instant::now();
    report.counts.provenance += w.provenance.len() as u64;
    super::bulk::provenance(conn, &w.provenance).await?;
    lap(report, "write.provenance", t);
    let t = Instant::now();
    report.counts.hazards += w.hazards.len() as u64;
    for chunk in w.hazards.chunks(2000) {
        property_hazard::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(conn)
            .await?;
    }
    lap(report, "write.hazards", t);
    let t = Instant::now();
    super::owners::write(tx, now, &w.owners, report).await?;
    lap(report, "write.owners", t);
    Ok(w.touched)
}
