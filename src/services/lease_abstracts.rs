//! Lease abstracts (docs/lease.md): a stored lease document read into a draft abstract (every
//! term with its confidence and citation), read and edited by an analyst, and confirmed into a
//! lease of the document's property (commercial, merged by suite) or a unit lease (residential,
//! merged by unit, the unit mix following) — with each field's provenance pointing at the
//! document, the page and the quoted text it came from.
mod residential;
mod to_lease;

use super::caller::{Caller, Origin};
use super::documents;
use super::leases;
use crate::analytics::lease::{self as extractor, FieldName};
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::object_store::{DocumentStore, ObjectKey};
use crate::persistence::repositories::scoped;
use futures_util::StreamExt;
use reos_entities::{lease, lease_abstract, unit_lease, unit_mix};
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Map, Value};
use std::sync::Arc;
use uuid::Uuid;

pub use to_lease::lease_fields;

/// One analyst edit: a field name of the abstract and its new value (null clears it).
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub field: String,
    pub value: Value,
}

/// A confirmed abstract and what it wrote: a lease (commercial) or a unit lease and its unit
/// type's unit-mix row (residential).
pub struct Confirmed {
    pub abstract_: lease_abstract::Model,
    pub lease: Option<lease::Model>,
    pub unit_lease: Option<unit_lease::Model>,
    pub unit_type: Option<unit_mix::Model>,
    /// Whether an existing lease with the same suite (unit) was updated (else one was created).
    pub merged: bool,
}

/// What a confirmation asks beyond the edits: the leasing profile of a commercial lease, the
/// unit type of a residential one.
#[derive(Debug, Clone, Default)]
pub struct ConfirmOptions {
    pub mla: Option<String>,
    pub unit_type: Option<String>,
}

async fn document_bytes(
    tx: &TenantTx,
    store: &DocumentStore,
    doc: &reos_entities::document::Model,
) -> ApiResult<Vec<u8>> {
    let key = ObjectKey::stored(tx.tenant(), &doc.object_key).map_err(|e| ApiError::Internal(e.into()))?;
    let mut stream = store
        .get(tx.tenant(), &key)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let mut bytes = Vec::with_capacity(usize::try_from(doc.size_bytes).unwrap_or(0));
    while let Some(chunk) = stream.next().await {
        bytes.extend_from_slice(&chunk.map_err(|e| ApiError::Internal(e.into()))?);
    }
    Ok(bytes)
}

/// Reads stored document `document_id` and records a draft abstract of it. A document without
/// readable text (a scan, an image, a broken file) is refused with the reader's code
/// (`LEASE_SCANNED_PDF`, …) and nothing is written.
pub async fn extract(
    c: &Caller<'_>,
    store: &Arc<DocumentStore>,
    document_id: &str,
) -> ApiResult<lease_abstract::Model> {
    let id = rules::uuid(document_id, "document")?;
    let doc = documents::find(c.tx, id).await?;
    let bytes = document_bytes(c.tx, store, &doc).await?;
    let started = std::time::Instant::now();
    let read = tokio::task::spawn_blocking(move || extractor::extract_bytes(&bytes))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let abs = read.map_err(|e| ApiError::NoAnswer {
        code: e.code(),
        message: format!("input.documentId: {e}"),
    })?;
    tracing::info!(document = %doc.id, ms = started.elapsed().as_millis() as u64, "lease abstracted");
    let mut extracted = serde_json::to_value(&abs).map_err(|e| ApiError::Internal(e.into()))?;
    let clauses = serde_json::to_value(&abs.clauses).map_err(|e| ApiError::Internal(e.into()))?;
    if let Some(m) = extracted.as_object_mut() {
        m.insert("clauses".into(), clauses);
    }
    let now = chrono::Utc::now();
    let row = lease_abstract::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        document_id: Set(doc.id),
        property_id: Set(doc.property_id),
        kind: Set(extracted["kind"].as_str().unwrap_or("commercial").to_owned()),
        status: Set("draft".into()),
        extracted: Set(extracted),
        edits: Set(None),
        lease_id: Set(None),
        unit_lease_id: Set(None),
        created_by: Set(c.actor.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        confirmed_by: Set(None),
        confirmed_at: Set(None),
    }
    .insert(c.tx.conn().await?)
    .await?;
    c.audit(
        "extract",
        "lease_abstract",
        Some(row.id),
        serde_json::json!({"document_id": doc.id}),
    )
    .await?;
    Ok(row)
}

/// Abstract `id` of the tenant (NOT_FOUND otherwise).
pub async fn get(tx: &TenantTx, id: &str) -> ApiResult<lease_abstract::Model> {
    super::lookup::one::<lease_abstract::Entity>(tx, id, "lease abstract").await
}

/// Abstracts of a property's documents, newest first.
pub async fn of_property(tx: &TenantTx, property_id: &str) -> ApiResult<Vec<lease_abstract::Model>> {
    let property = super::properties::find(tx, property_id).await?;
    Ok(scoped::<lease_abstract::Entity>(tx)
        .filter(lease_abstract::Column::PropertyId.eq(property.id))
        .order_by_desc(lease_abstract::Column::CreatedAt)
        .all(tx.conn().await?)
        .await?)
}

/// The extracted fields with the analyst's edits applied: an edited field has confidence 1 and
/// no citation (the analyst is its source). Unknown fields and values of the wrong type are
/// refused, naming `input.edits[i]`.
pub fn edited_fields(extracted: &Value, edits: &[Edit]) -> ApiResult<Map<String, Value>> {
    let mut fields = extracted
        .get("fields")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (i, e) in edits.iter().enumerate() {
        let at = format!("input.edits[{i}]");
        let name = FieldName::parse(&e.field).ok_or_else(|| {
            let names: Vec<&str> = FieldName::ALL.iter().map(|n| n.as_str()).collect();
            ApiError::bad_input(
                format!("{at}.field"),
                format!("`{}` is not a field; one of {}", e.field, names.join(", ")),
            )
        })?;
        to_lease::check_value(name, &e.value).map_err(|m| ApiError::bad_input(format!("{at}.value"), m))?;
        let field = if e.value.is_null() {
            Value::Null
        } else {
            serde_json::json!({"value": e.value, "confidence": 1.0, "citation": null, "edited": true})
        };
        fields.insert(name.as_str().to_owned(), field);
    }
    Ok(fields)
}

/// Confirms draft `id` with `edits`. A commercial abstract writes the lease (a lease of the
/// property with the same suite is updated, else one is created); a residential one writes the
/// unit lease of its unit and updates the unit mix (module `residential`). Each written field
/// has provenance; the abstract is marked confirmed. A second confirmation is a CONFLICT; a
/// missing term names the field to edit.
///
/// The lease's market leasing profile (what the DCF assumes after it expires) is `opts.mla` when
/// given, else the merged lease's, else the property's only profile, else `default`.
pub async fn confirm(c: &Caller<'_>, id: &str, edits: Vec<Edit>, opts: ConfirmOptions) -> ApiResult<Confirmed> {
    let row = get(c.tx, id).await?;
    if row.status != "draft" {
        return Err(ApiError::Conflict(format!("lease abstract {id} is already confirmed")));
    }
    let property_id = row.property_id.ok_or_else(|| {
        ApiError::bad_input(
            "input.id",
            "the abstract's document is not attached to a property; attach it to one first",
        )
    })?;
    let fields = edited_fields(&row.extracted, &edits)?;
    let (lease, written) = if row.kind == "residential" {
        let prop = super::properties::find(c.tx, &property_id.to_string()).await?;
        let origin = origin_of(&row, &fields, residential::SOURCES);
        let w = residential::confirm(c, &prop, &fields, opts.unit_type, &origin).await?;
        (None, Some(w))
    } else {
        (Some(commercial(c, &row, property_id, &fields, opts.mla).await?), None)
    };
    let merged = lease.as_ref().is_some_and(|l| l.1) || written.as_ref().is_some_and(|w| w.merged);
    let edits_json: Map<String, Value> = edits.into_iter().map(|e| (e.field, e.value)).collect();
    let now = chrono::Utc::now();
    let mut am: lease_abstract::ActiveModel = row.into();
    am.status = Set("confirmed".into());
    am.edits = Set(Some(Value::Object(edits_json)));
    am.lease_id = Set(lease.as_ref().map(|l| l.0.id));
    am.unit_lease_id = Set(written.as_ref().map(|w| w.unit_lease.id));
    am.confirmed_by = Set(Some(c.actor.to_owned()));
    am.confirmed_at = Set(Some(now));
    am.updated_at = Set(now);
    let confirmed = am.update(c.tx.conn().await?).await?;
    c.audit(
        "confirm",
        "lease_abstract",
        Some(confirmed.id),
        serde_json::json!({
            "lease_id": confirmed.lease_id,
            "unit_lease_id": confirmed.unit_lease_id,
            "merged": merged,
        }),
    )
    .await?;
    let (unit_lease, unit_type) = match written {
        Some(w) => (Some(w.unit_lease), Some(w.unit_type)),
        None => (None, None),
    };
    Ok(Confirmed {
        abstract_: confirmed,
        lease: lease.map(|l| l.0),
        unit_lease,
        unit_type,
        merged,
    })
}

/// Writes the commercial lease of an abstract; true when it merged with the lease of its suite.
async fn commercial(
    c: &Caller<'_>,
    row: &lease_abstract::Model,
    property_id: Uuid,
    fields: &Map<String, Value>,
    mla: Option<String>,
) -> ApiResult<(lease::Model, bool)> {
    let periods = row
        .extracted
        .get("rent_schedule")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let mut lease_fields = lease_fields(fields, periods)?;
    let origin = origin_of(row, fields, to_lease::SOURCES);
    let existing = leases::of_property(c.tx, &property_id.to_string()).await?;
    let same_suite = lease_fields.suite.as_ref().and_then(|s| {
        existing.iter().find(|l| {
            l.suite
                .as_deref()
                .is_some_and(|x| x.trim().eq_ignore_ascii_case(s.trim()))
        })
    });
    let profiles = crate::persistence::repositories::dcf_inputs::profiles(c.tx, property_id).await?;
    let mla = mla.map(|m| m.trim().to_owned()).filter(|m| !m.is_empty());
    lease_fields.mla = match (mla, same_suite, profiles.as_slice()) {
        (Some(m), _, _) => m,
        (None, Some(l), _) => l.mla.clone(),
        (None, None, [only]) => only.name.clone(),
        (None, None, _) => lease_fields.mla,
    };
    Ok(match same_suite {
        Some(l) => (
            leases::update_lease_from(c, &l.id.to_string(), lease_fields, Some(&origin)).await?,
            true,
        ),
        None => (
            leases::create_lease_from(c, &property_id.to_string(), lease_fields, Some(&origin)).await?,
            false,
        ),
    })
}

/// Provenance of the written fields: the document as source, each stored field's confidence and
/// citation (`document:<id>#page=P&chars=S-E`) from the abstract field it came from (`sources`:
/// stored field → abstract fields).
fn origin_of(row: &lease_abstract::Model, fields: &Map<String, Value>, sources: &[(&str, &[&str])]) -> Origin {
    let doc = format!("document:{}", row.document_id);
    let mut origin = Origin {
        source: doc.clone(),
        method: "lease_abstract".into(),
        evidence_uri: Some(doc.clone()),
        ..Default::default()
    };
    for (stored, from) in sources {
        let Some(f) = from.iter().find_map(|n| fields.get(*n).filter(|v| !v.is_null())) else {
            continue;
        };
        if let Some(c) = f.get("confidence").and_then(Value::as_f64) {
            origin.confidence.insert((*stored).to_owned(), c);
        }
        if let Some(cit) = f.get("citation").filter(|c| !c.is_null()) {
            let uri = format!(
                "{doc}#page={}&chars={}-{}",
                cit["page"].as_u64().unwrap_or(0),
                cit["start"].as_u64().unwrap_or(0),
                cit["end"].as_u64().unwrap_or(0)
            );
            origin.evidence.insert((*stored).to_owned(), uri);
        } else if f.get("edited").and_then(Value::as_bool) == Some(true) {
            origin.evidence.insert((*stored).to_owned(), format!("{doc}#edited"));
        }
    }
    origin
}
