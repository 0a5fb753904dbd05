//! Documents: upload (check every file → write the object → insert its row), delete (row now,
//! object once the transaction commits) and the lookup behind downloads. A failed write leaves
//! neither object nor row: a failed put writes no row, a failed insert deletes the object at once,
//! and an object whose row is rolled back later (another error in the request, a failed commit) is
//! deleted by the transaction's outcome hook. Reads: one document, the filtered list, those of a
//! property or offer, and where to download one.
pub mod names;
pub mod sniff;

use crate::error::{ApiError, ApiResult};
use crate::persistence::object_store::{DocumentStore, ObjectKey, StoreError};
use crate::persistence::repositories::{self, scoped};
use crate::persistence::{TenantId, TenantTx};
use bytes::Bytes;
use reos_entities::{document, lease, offer, property};
use sea_orm::{ActiveModelTrait, ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::sync::Arc;
use uuid::Uuid;

/// The store and the upload limits, shared by the schema (as data) and the download endpoint.
pub struct Documents {
    pub store: Arc<DocumentStore>,
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
    /// Most files in one HTTP request.
    pub max_files: usize,
    /// Files claimed so far by each request still running (request id → count).
    claimed: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}

impl Documents {
    pub fn from_settings(s: &crate::config::Settings) -> Result<Self, StoreError> {
        Ok(Self {
            store: Arc::new(DocumentStore::from_settings(s)?),
            max_bytes: s.storage.document_max_bytes,
            max_files: s.storage.document_max_files,
            claimed: Default::default(),
        })
    }

    /// Counts `n` more files against the request's limit, across every `uploadDocument` of the
    /// request (aliases and batched operations share one request id and one transaction); the
    /// count is forgotten when the request's transaction ends.
    pub fn claim_files(self: &Arc<Self>, tx: &TenantTx, request_id: &str, n: usize) -> ApiResult<()> {
        let refuse = |already: usize| {
            let mut msg = format!("give 1 to {} files per request", self.max_files);
            if already > 0 {
                msg.push_str(&format!(" ({already} already uploaded in this request)"));
            }
            ApiError::bad_input("input.files", msg)
        };
        if n == 0 {
            return Err(refuse(0));
        }
        let mut claimed = self
            .claimed
            .lock()
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("upload counter poisoned")))?;
        let first = !claimed.contains_key(request_id);
        let count = claimed.entry(request_id.to_owned()).or_default();
        if *count + n > self.max_files {
            let already = *count;
            if first {
                claimed.remove(request_id);
            }
            return Err(refuse(already));
        }
        *count += n;
        if first {
            let (this, id) = (self.clone(), request_id.to_owned());
            tx.on_outcome(Box::new(move |_| {
                Box::pin(async move {
                    if let Ok(mut c) = this.claimed.lock() {
                        c.remove(&id);
                    }
                })
            }));
        }
        Ok(())
    }
}

/// What a document hangs off; `property_id` is always the property (of the lease or offer).
#[derive(Debug, Clone, Copy)]
pub struct Attachment {
    pub property_id: Uuid,
    pub lease_id: Option<Uuid>,
    pub offer_id: Option<Uuid>,
}

/// Which parent the client named.
#[derive(Debug, Clone, Copy)]
pub enum Parent {
    Property(Uuid),
    Lease(Uuid),
    Offer(Uuid),
}

/// The parent inside the caller's tenant, or NOT_FOUND (also for another tenant's id).
pub async fn attachment(tx: &TenantTx, parent: Parent) -> ApiResult<Attachment> {
    let found = match parent {
        Parent::Property(id) => repositories::find::<property::Entity>(tx, id)
            .await?
            .map(|p| (p.id, None, None)),
        Parent::Lease(id) => repositories::find::<lease::Entity>(tx, id)
            .await?
            .map(|l| (l.property_id, Some(l.id), None)),
        Parent::Offer(id) => repositories::find::<offer::Entity>(tx, id)
            .await?
            .map(|o| (o.property_id, None, Some(o.id))),
    };
    let (property_id, lease_id, offer_id) = found.ok_or(ApiError::not_found(match parent {
        Parent::Property(_) => "property",
        Parent::Lease(_) => "lease",
        Parent::Offer(_) => "offer",
    }))?;
    Ok(Attachment {
        property_id,
        lease_id,
        offer_id,
    })
}

/// One received file, already read (within the size limit).
pub struct Incoming {
    /// Input path for errors, e.g. `input.files[1]`.
    pub field: String,
    pub client_name: String,
    pub bytes: Bytes,
}

/// A file that passed every check, ready to write.
struct Checked {
    display: String,
    key_name: String,
    content_type: &'static str,
    sha256: String,
    bytes: Bytes,
}

fn sha256_hex(bytes: &[u8]) -> String {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes);
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn check(file: Incoming) -> ApiResult<Checked> {
    if file.bytes.is_empty() {
        return Err(ApiError::bad_input(file.field, "the file is empty"));
    }
    let display = names::display_name(&file.client_name);
    let content_type = sniff::content_type(&file.bytes, &display).map_err(|m| ApiError::bad_input(&file.field, m))?;
    Ok(Checked {
        key_name: names::key_segment(&display),
        sha256: sha256_hex(&file.bytes),
        display,
        content_type,
        bytes: file.bytes,
    })
}

fn store_err(e: StoreError) -> ApiError {
    ApiError::Internal(anyhow::Error::new(e).context("object store"))
}

/// Deletes the object when the transaction does not commit.
fn remove_on_rollback(tx: &TenantTx, store: &Arc<DocumentStore>, key: ObjectKey) {
    let (store, tenant) = (store.clone(), tx.tenant());
    tx.on_outcome(Box::new(move |committed| {
        Box::pin(async move {
            if !committed {
                remove(&store, tenant, &key, "rolled back upload").await;
            }
        })
    }));
}

async fn remove(store: &DocumentStore, tenant: TenantId, key: &ObjectKey, why: &str) {
    if let Err(e) = store.delete(tenant, key).await {
        // The row is gone, so the object is unreachable; it is only wasted space.
        tracing::warn!(error = %e, key = key.as_str(), why, "could not delete an object");
    }
}

/// Checks every file first (a bad one writes nothing), then writes each object and its row.
#[tracing::instrument(skip_all, fields(tenant = %tx.tenant(), files = files.len()))]
pub async fn upload(
    tx: &TenantTx,
    store: &Arc<DocumentStore>,
    at: Attachment,
    actor: &str,
    files: Vec<Incoming>,
) -> ApiResult<Vec<document::Model>> {
    let checked = files.into_iter().map(check).collect::<ApiResult<Vec<_>>>()?;
    let tenant = tx.tenant();
    let mut saved = Vec::with_capacity(checked.len());
    for f in checked {
        let id = Uuid::now_v7();
        let key = ObjectKey::new(tenant, id, &f.key_name).map_err(store_err)?;
        let size = f.bytes.len() as i64;
        let disposition = names::content_disposition(&f.display);
        store
            .put(tenant, &key, f.bytes, f.content_type, &disposition)
            .await
            .map_err(store_err)?;
        let row = document::ActiveModel {
            id: Set(id),
            tenant_id: Set(tenant.uuid()),
            property_id: Set(Some(at.property_id)),
            lease_id: Set(at.lease_id),
            offer_id: Set(at.offer_id),
            file_name: Set(f.display),
            content_type: Set(f.content_type.to_owned()),
            size_bytes: Set(size),
            sha256: Set(f.sha256),
            object_key: Set(key.as_str().to_owned()),
            uploaded_by: Set(actor.to_owned()),
            created_at: Set(chrono::Utc::now()),
        };
        match row.insert(tx.conn().await?).await {
            Ok(m) => saved.push(m),
            Err(e) => {
                remove(store, tenant, &key, "row insert failed").await;
                return Err(e.into());
            }
        }
        remove_on_rollback(tx, store, key);
    }
    Ok(saved)
}

/// Stores checked files under `at` and records each upload in the audit log.
pub async fn upload_recorded(
    c: &crate::services::caller::Caller<'_>,
    store: &Arc<DocumentStore>,
    at: Attachment,
    files: Vec<Incoming>,
) -> ApiResult<Vec<document::Model>> {
    let saved = upload(c.tx, store, at, c.actor, files).await?;
    for d in &saved {
        let details =
            serde_json::json!({ "sha256": d.sha256, "sizeBytes": d.size_bytes, "contentType": d.content_type });
        c.audit("upload", "document", Some(d.id), details).await?;
    }
    Ok(saved)
}

/// Deletes document `id` (its object after the commit) and records it.
pub async fn delete_recorded(
    c: &crate::services::caller::Caller<'_>,
    store: &Arc<DocumentStore>,
    id: &str,
) -> ApiResult<Uuid> {
    let uuid = crate::domain::rules::uuid(id, "document")?;
    let doc = delete(c.tx, store, uuid).await?;
    c.audit(
        "delete",
        "document",
        Some(doc.id),
        serde_json::json!({ "sha256": doc.sha256 }),
    )
    .await?;
    Ok(doc.id)
}

/// Deletes the row now and the object after the commit; NOT_FOUND outside the tenant.
pub async fn delete(tx: &TenantTx, store: &Arc<DocumentStore>, id: Uuid) -> ApiResult<document::Model> {
    let doc = find(tx, id).await?;
    let key = ObjectKey::stored(tx.tenant(), &doc.object_key).map_err(store_err)?;
    repositories::delete::<document::Entity>(tx, id).await?;
    let (store, tenant) = (store.clone(), tx.tenant());
    tx.on_outcome(Box::new(move |committed| {
        Box::pin(async move {
            if committed {
                remove(&store, tenant, &key, "document deleted").await;
            }
        })
    }));
    Ok(doc)
}

/// Before a property or lease is deleted (its documents' rows go with it by cascade): their
/// objects are deleted once the request commits.
pub async fn objects_follow_cascade(tx: &TenantTx, store: &Arc<DocumentStore>, parent: Parent) -> ApiResult<()> {
    let filter = match parent {
        Parent::Property(id) => document::Column::PropertyId.eq(id),
        Parent::Lease(id) => document::Column::LeaseId.eq(id),
        Parent::Offer(id) => document::Column::OfferId.eq(id),
    };
    let rows = scoped::<document::Entity>(tx)
        .filter(filter)
        .all(tx.conn().await?)
        .await?;
    let tenant = tx.tenant();
    let keys: Vec<ObjectKey> = rows
        .iter()
        .filter_map(|d| ObjectKey::stored(tenant, &d.object_key).ok())
        .collect();
    if keys.is_empty() {
        return Ok(());
    }
    let store = store.clone();
    tx.on_outcome(Box::new(move |committed| {
        Box::pin(async move {
            if committed {
                for key in &keys {
                    remove(&store, tenant, key, "parent deleted").await;
                }
            }
        })
    }));
    Ok(())
}

/// The tenant's document, or NOT_FOUND (identical for another tenant's id).
pub async fn find(tx: &TenantTx, id: Uuid) -> ApiResult<document::Model> {
    repositories::find::<document::Entity>(tx, id)
        .await?
        .ok_or(ApiError::not_found("document"))
}

/// Documents of a property (including its leases' and offers'), newest first.
pub async fn of_property(tx: &TenantTx, property_id: Uuid) -> ApiResult<Vec<document::Model>> {
    Ok(scoped::<document::Entity>(tx)
        .filter(document::Column::PropertyId.eq(property_id))
        .order_by_desc(document::Column::CreatedAt)
        .order_by_desc(document::Column::Id)
        .all(tx.conn().await?)
        .await?)
}

/// Documents of an offer, newest first.
pub async fn of_offer(tx: &TenantTx, offer_id: Uuid) -> ApiResult<Vec<document::Model>> {
    Ok(scoped::<document::Entity>(tx)
        .filter(document::Column::OfferId.eq(offer_id))
        .order_by_desc(document::Column::CreatedAt)
        .all(tx.conn().await?)
        .await?)
}

/// Which documents a listing shows: those of every given parent (ids as the client wrote them; a
/// malformed id matches nothing, like an unknown one).
#[derive(Debug, Default, Clone)]
pub struct DocumentFilter {
    /// The property's own documents and its leases' and offers'.
    pub property_id: Option<String>,
    pub lease_id: Option<String>,
    pub offer_id: Option<String>,
}

/// The tenant's documents matching `filter`, newest first, `limit` from `offset`, and how many
/// match in all.
pub async fn page(
    tx: &TenantTx,
    filter: &DocumentFilter,
    offset: u64,
    limit: u64,
) -> ApiResult<(u64, Vec<document::Model>)> {
    let mut q = scoped::<document::Entity>(tx);
    for (id, col) in [
        (&filter.property_id, document::Column::PropertyId),
        (&filter.lease_id, document::Column::LeaseId),
        (&filter.offer_id, document::Column::OfferId),
    ] {
        if let Some(id) = id {
            q = q.filter(col.eq(Uuid::parse_str(id).unwrap_or_default()));
        }
    }
    let total = q.clone().count(tx.conn().await?).await?;
    let rows = q
        .order_by_desc(document::Column::CreatedAt)
        .order_by_desc(document::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(tx.conn().await?)
        .await?;
    Ok((total, rows))
}

/// A presigned URL of the document's bytes, valid for a few minutes, when the store makes them
/// (S3); None when it does not (downloads then go through the service).
pub async fn presigned_url(
    store: &DocumentStore,
    tenant: TenantId,
    doc: &document::Model,
) -> ApiResult<Option<String>> {
    let key = ObjectKey::stored(tenant, &doc.object_key)
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("stored object key")))?;
    match store.presigned_get(tenant, &key).await {
        Some(Ok(url)) => Ok(Some(url)),
        Some(Err(e)) => Err(ApiError::Internal(anyhow::Error::new(e).context("presigning"))),
        None => Ok(None),
    }
}
