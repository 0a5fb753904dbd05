//! The storage section: where document bytes live (local folder or S3-compatible) and the limits
//! of uploads. On the wire the store's keys keep their `object_store_` prefix
//! (`object_store_url`, `REOS_OBJECT_STORE_URL`); the document limits are `document_*`.
use super::{ConfigError, redacted};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

/// The object store and document limits.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageSettings {
    /// Where document bytes live (`object_store_url`, `REOS_OBJECT_STORE_URL`): `file:///abs/dir`
    /// or `file://./rel` (local filesystem), or `s3://BUCKET` (S3-compatible, with the keys
    /// below). Unset: the local folder `data_dir/objects`.
    #[serde(rename = "object_store_url")]
    pub url: Option<String>,
    /// S3 endpoint URL (`object_store_endpoint`, `REOS_OBJECT_STORE_ENDPOINT`), e.g.
    /// `http://127.0.0.1:3900` for Garage. Unset: AWS's endpoint for the region.
    #[serde(rename = "object_store_endpoint")]
    pub endpoint: Option<String>,
    /// S3 region (`object_store_region`, `REOS_OBJECT_STORE_REGION`); must match the server's
    /// (Garage: `s3_region`).
    #[serde(rename = "object_store_region")]
    pub region: String,
    /// S3 access key id (`object_store_access_key_id`, `REOS_OBJECT_STORE_ACCESS_KEY_ID`).
    #[serde(rename = "object_store_access_key_id")]
    pub access_key_id: Option<String>,
    /// S3 secret access key (`object_store_secret_access_key`,
    /// `REOS_OBJECT_STORE_SECRET_ACCESS_KEY`).
    #[serde(rename = "object_store_secret_access_key", serialize_with = "redacted")]
    pub secret_access_key: Option<SecretString>,
    /// Allow a plain-HTTP S3 endpoint (`object_store_allow_http`, `REOS_OBJECT_STORE_ALLOW_HTTP`);
    /// for loopback servers only.
    #[serde(rename = "object_store_allow_http")]
    pub allow_http: bool,
    /// Largest document accepted, in bytes (`document_max_bytes`, `REOS_DOCUMENT_MAX_BYTES`).
    pub document_max_bytes: u64,
    /// Most files in one upload request (`document_max_files`, `REOS_DOCUMENT_MAX_FILES`).
    pub document_max_files: usize,
    /// Lifetime of presigned S3 download URLs, in seconds (`document_url_expiry_seconds`,
    /// `REOS_DOCUMENT_URL_EXPIRY_SECONDS`).
    pub document_url_expiry_seconds: u64,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self {
            url: None,
            endpoint: None,
            region: "us-east-1".into(),
            access_key_id: None,
            secret_access_key: None,
            allow_http: false,
            document_max_bytes: 25 * 1024 * 1024,
            document_max_files: 10,
            document_url_expiry_seconds: 300,
        }
    }
}

impl StorageSettings {
    /// Non-zero document limits; a presigned-URL lifetime S3 accepts.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.document_max_bytes == 0 || self.document_max_files == 0 {
            return Err(ConfigError::Invalid {
                field: "document_max_bytes",
                message: "document_max_bytes and document_max_files must be at least 1".into(),
            });
        }
        if !(1..=7 * 24 * 3600).contains(&self.document_url_expiry_seconds) {
            return Err(ConfigError::Invalid {
                field: "document_url_expiry_seconds",
                message: "must be between 1 second and 7 days (the S3 limit)".into(),
            });
        }
        Ok(())
    }
}
