//! `Document`: metadata of a stored file and where to download it.
use crate::graphql::context::req;
use crate::services::documents::{self, Documents};
use async_graphql::{Context, ID, Object, Result};
use reos_entities::document;
use std::sync::Arc;

/// A file attached to a property, lease or offer of the caller's tenant.
pub struct Document(pub document::Model);

#[Object]
impl Document {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The name it was uploaded under (directories and control characters removed).
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    /// Decided from the file's bytes, not from what the client said.
    async fn content_type(&self) -> &str {
        &self.0.content_type
    }
    async fn size_bytes(&self) -> i64 {
        self.0.size_bytes
    }
    /// SHA-256 of the bytes, lower-case hex.
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }
    /// Subject of the token that uploaded it.
    async fn uploaded_by(&self) -> &str {
        &self.0.uploaded_by
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// The property it belongs to (directly or through its lease or offer).
    async fn property_id(&self) -> Option<ID> {
        self.0.property_id.map(|id| ID(id.to_string()))
    }
    async fn lease_id(&self) -> Option<ID> {
        self.0.lease_id.map(|id| ID(id.to_string()))
    }
    async fn offer_id(&self) -> Option<ID> {
        self.0.offer_id.map(|id| ID(id.to_string()))
    }
    /// Where to fetch the bytes: a presigned URL valid for a few minutes when documents are on
    /// S3, otherwise the path of the authenticated endpoint `GET /documents/{id}` (send the same
    /// bearer token).
    async fn download_url(&self, ctx: &Context<'_>) -> Result<String> {
        let docs = ctx.data::<Arc<Documents>>()?;
        let url = documents::presigned_url(&docs.store, req(ctx)?.tx.tenant(), &self.0).await?;
        Ok(url.unwrap_or_else(|| format!("/documents/{}", self.0.id)))
    }
}
