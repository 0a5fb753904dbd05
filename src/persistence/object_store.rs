//! Where document bytes live: a local folder (embedded default) or an S3-compatible bucket, behind
//! one small API. Every key is built by [`ObjectKey::new`] under `tenants/{tenant_id}/`, and every
//! operation checks that prefix against the caller's tenant, so one tenant's keys are never read,
//! listed, written or deleted on behalf of another.
use crate::config::Settings;
use crate::persistence::TenantId;
use ::object_store::aws::{AmazonS3, AmazonS3Builder};
use ::object_store::local::LocalFileSystem;
use ::object_store::path::Path;
use ::object_store::signer::{Method, Signer};
use ::object_store::{Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload};
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// Why the store could not be set up or could not do an operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("object store configuration `{field}`: {message}")]
    Config { field: &'static str, message: String },
    #[error("object not found")]
    NotFound,
    #[error("object key outside the caller's tenant")]
    ForeignKey,
    #[error("object store: {0}")]
    Backend(#[from] ::object_store::Error),
}

impl StoreError {
    fn from_backend(e: ::object_store::Error) -> Self {
        match e {
            ::object_store::Error::NotFound { .. } => Self::NotFound,
            other => Self::Backend(other),
        }
    }
}

/// `tenants/{tenant_id}/documents/{document_id}/{safe_name}`; only built here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectKey(Path);

impl ObjectKey {
    /// The key of a new document; `safe_name` must already be sanitized (see
    /// `services::documents::names`), anything else is refused rather than encoded.
    pub fn new(tenant: TenantId, document: Uuid, safe_name: &str) -> Result<Self, StoreError> {
        let safe = !safe_name.is_empty()
            && safe_name.len() <= 100
            && !safe_name.starts_with('.')
            && !safe_name.contains("..")
            && safe_name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !safe {
            return Err(StoreError::Config {
                field: "object_key",
                message: "the file name is not a safe key segment".into(),
            });
        }
        let raw = format!("tenants/{tenant}/documents/{document}/{safe_name}");
        let path = Path::parse(&raw).map_err(|e| StoreError::Config {
            field: "object_key",
            message: e.to_string(),
        })?;
        if path.as_ref() != raw || path.parts().count() != 5 {
            return Err(StoreError::Config {
                field: "object_key",
                message: "the file name is not a single safe path segment".into(),
            });
        }
        Ok(Self(path))
    }

    /// A stored key (from a documents row), accepted only inside `tenant`'s prefix.
    pub fn stored(tenant: TenantId, key: &str) -> Result<Self, StoreError> {
        let path = Path::parse(key).map_err(|_| StoreError::ForeignKey)?;
        if !key.starts_with(&tenant_prefix(tenant)) || path.as_ref() != key {
            return Err(StoreError::ForeignKey);
        }
        Ok(Self(path))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_ref()
    }

    fn belongs_to(&self, tenant: TenantId) -> bool {
        self.as_str().starts_with(&tenant_prefix(tenant))
    }
}

/// `tenants/{tenant_id}/` with the trailing slash, so one id can never be a prefix of another.
pub fn tenant_prefix(tenant: TenantId) -> String {
    format!("tenants/{tenant}/")
}

/// The configured backend.
pub struct DocumentStore {
    inner: Arc<dyn ObjectStore>,
    /// Set for S3: signs short-lived download URLs.
    s3: Option<Arc<AmazonS3>>,
    url_expiry: Duration,
    description: String,
}

impl DocumentStore {
    /// The store the settings name: `object_store_url` (`file://…` or `s3://BUCKET`), or the local
    /// folder `data_dir/objects` when unset.
    pub fn from_settings(s: &Settings) -> Result<Self, StoreError> {
        let expiry = Duration::from_secs(s.storage.document_url_expiry_seconds);
        let Some(url) = s.storage.url.as_deref() else {
            return Self::local(&s.server.data_dir.join("objects"), expiry);
        };
        if let Some(dir) = url.strip_prefix("file://") {
            return Self::local(std::path::Path::new(dir), expiry);
        }
        let Some(bucket) = url.strip_prefix("s3://") else {
            return Err(StoreError::Config {
                field: "object_store_url",
                message: "must start with file:// or s3://".into(),
            });
        };
        let bucket = bucket.trim_end_matches('/');
        if bucket.is_empty() || bucket.contains('/') {
            return Err(StoreError::Config {
                field: "object_store_url",
                message: "s3://BUCKET names a bucket only (no path)".into(),
            });
        }
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(&s.storage.region)
            .with_allow_http(s.storage.allow_http);
        if let Some(e) = &s.storage.endpoint {
            b = b.with_endpoint(e);
        }
        match (&s.storage.access_key_id, &s.storage.secret_access_key) {
            (Some(id), Some(secret)) => {
                b = b.with_access_key_id(id).with_secret_access_key(secret.expose_secret());
            }
            (None, None) => {}
            _ => {
                return Err(StoreError::Config {
                    field: "object_store_access_key_id",
                    message: "give both the access key id and the secret access key, or neither".into(),
                });
            }
        }
        let s3 = Arc::new(b.build().map_err(|e| StoreError::Config {
            field: "object_store_url",
            message: e.to_string(),
        })?);
        Ok(Self {
            inner: s3.clone(),
            s3: Some(s3),
            url_expiry: expiry,
            description: format!("s3://{bucket}"),
        })
    }

    /// A local folder (created when missing).
    pub fn local(dir: &std::path::Path, url_expiry: Duration) -> Result<Self, StoreError> {
        let config = |message: String| StoreError::Config {
            field: "object_store_url",
            message,
        };
        std::fs::create_dir_all(dir).map_err(|e| config(format!("creating {}: {e}", dir.display())))?;
        let fs = LocalFileSystem::new_with_prefix(dir).map_err(|e| config(e.to_string()))?;
        Ok(Self {
            inner: Arc::new(fs.with_automatic_cleanup(true)),
            s3: None,
            url_expiry,
            description: format!("file://{}", dir.display()),
        })
    }

    /// `file://…` or `s3://bucket`, for logs.
    pub fn describe(&self) -> &str {
        &self.description
    }

    pub fn is_s3(&self) -> bool {
        self.s3.is_some()
    }

    fn check(tenant: TenantId, key: &ObjectKey) -> Result<(), StoreError> {
        if key.belongs_to(tenant) {
            Ok(())
        } else {
            Err(StoreError::ForeignKey)
        }
    }

    /// Writes the whole object atomically (readers never see a partial object). On S3 the content
    /// type and disposition are stored with it, so presigned downloads carry them.
    pub async fn put(
        &self,
        tenant: TenantId,
        key: &ObjectKey,
        bytes: Bytes,
        content_type: &str,
        disposition: &str,
    ) -> Result<(), StoreError> {
        Self::check(tenant, key)?;
        let mut opts = PutOptions::default();
        if self.is_s3() {
            let mut attrs = Attributes::new();
            attrs.insert(Attribute::ContentType, content_type.to_owned().into());
            attrs.insert(Attribute::ContentDisposition, disposition.to_owned().into());
            opts.attributes = attrs;
        }
        self.inner
            .put_opts(&key.0, PutPayload::from_bytes(bytes), opts)
            .await
            .map_err(StoreError::from_backend)?;
        Ok(())
    }

    /// The object's bytes as a stream.
    pub async fn get(
        &self,
        tenant: TenantId,
        key: &ObjectKey,
    ) -> Result<BoxStream<'static, Result<Bytes, StoreError>>, StoreError> {
        Self::check(tenant, key)?;
        let res = self.inner.get(&key.0).await.map_err(StoreError::from_backend)?;
        Ok(res.into_stream().map_err(StoreError::from_backend).boxed())
    }

    /// Removes the object; an object already gone is not an error.
    pub async fn delete(&self, tenant: TenantId, key: &ObjectKey) -> Result<(), StoreError> {
        Self::check(tenant, key)?;
        match self.inner.delete(&key.0).await.map_err(StoreError::from_backend) {
            Ok(()) | Err(StoreError::NotFound) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Every key under the tenant's prefix (and `sub`, e.g. `documents/{id}`), sorted.
    pub async fn list(&self, tenant: TenantId, sub: Option<&str>) -> Result<Vec<String>, StoreError> {
        let raw = match sub {
            Some(s) => format!("{}{}", tenant_prefix(tenant), s.trim_matches('/')),
            None => tenant_prefix(tenant).trim_end_matches('/').to_owned(),
        };
        let prefix = Path::parse(&raw).map_err(|_| StoreError::ForeignKey)?;
        let mut keys: Vec<String> = self
            .inner
            .list(Some(&prefix))
            .map_ok(|m| m.location.to_string())
            .try_collect()
            .await
            .map_err(StoreError::from_backend)?;
        // object_store lists by path segments, so `tenants/{a}` never matches `tenants/{a}x`; the
        // filter states the rule once more where it matters.
        let own = tenant_prefix(tenant);
        keys.retain(|k| k.starts_with(&own));
        keys.sort();
        Ok(keys)
    }

    /// A presigned GET URL valid for the configured expiry, when the store is S3.
    pub async fn presigned_get(&self, tenant: TenantId, key: &ObjectKey) -> Option<Result<String, StoreError>> {
        let s3 = self.s3.as_ref()?;
        if let Err(e) = Self::check(tenant, key) {
            return Some(Err(e));
        }
        Some(
            s3.signed_url(Method::GET, &key.0, self.url_expiry)
                .await
                .map(|u| u.to_string())
                .map_err(StoreError::from_backend),
        )
    }
}

#[cfg(test)]
mod tests;
