//! `uploadDocument` (GraphQL multipart request spec) and `deleteDocument`. Requires operator.
use super::DeletePayload;
use crate::auth::Role;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::{caller, req};
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::document::Document;
use crate::services::documents::{self, Documents, Incoming, Parent};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject, Upload};
use std::sync::Arc;

#[derive(Default)]
pub struct DocumentMutations;

/// Files to attach to exactly one of a property, a lease or an offer.
#[derive(InputObject)]
pub struct UploadDocumentInput {
    pub property_id: Option<ID>,
    pub lease_id: Option<ID>,
    pub offer_id: Option<ID>,
    /// One or more files (multipart uploads); each at most `document_max_bytes`, at most
    /// `document_max_files` per request. The content type is decided from the bytes: PDF, PNG,
    /// JPEG, GIF, WebP, TIFF, Office Open XML (docx, xlsx, pptx) or UTF-8 text.
    pub files: Vec<Upload>,
}

#[derive(SimpleObject)]
pub struct UploadDocumentPayload {
    /// The stored documents, in the order of `files`.
    pub documents: Vec<Document>,
}

fn parent(input: &UploadDocumentInput) -> ApiResult<Parent> {
    match (&input.property_id, &input.lease_id, &input.offer_id) {
        (Some(id), None, None) => Ok(Parent::Property(rules::uuid(id, "property")?)),
        (None, Some(id), None) => Ok(Parent::Lease(rules::uuid(id, "lease")?)),
        (None, None, Some(id)) => Ok(Parent::Offer(rules::uuid(id, "offer")?)),
        _ => Err(ApiError::bad_input(
            "input",
            "give exactly one of propertyId, leaseId and offerId",
        )),
    }
}

/// Reads every upload, refusing the request when one is larger than the limit.
async fn read_files(ctx: &Context<'_>, docs: &Documents, files: Vec<Upload>) -> ApiResult<Vec<Incoming>> {
    let mut out = Vec::with_capacity(files.len());
    for (i, upload) in files.into_iter().enumerate() {
        let field = format!("input.files[{i}]");
        let value = upload
            .value(ctx)
            .map_err(|_| ApiError::bad_input(&field, "no such upload in this request"))?;
        let client_name = value.filename.clone();
        let (max, name) = (docs.max_bytes, field.clone());
        let bytes = tokio::task::spawn_blocking(move || crate::graphql::upload::read(value, max, &name))
            .await
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("reading upload: {e}")))??;
        out.push(Incoming {
            field,
            client_name,
            bytes: bytes.into(),
        });
    }
    Ok(out)
}

#[Object]
impl DocumentMutations {
    /// Stores files and their metadata. Every file is checked (size, type) before anything is
    /// written; a failure leaves neither objects nor rows. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn upload_document(&self, ctx: &Context<'_>, input: UploadDocumentInput) -> Result<UploadDocumentPayload> {
        let (c, docs) = (caller(ctx)?, ctx.data::<Arc<Documents>>()?);
        docs.claim_files(c.tx, req(ctx)?.request_id.as_str(), input.files.len())?;
        let at = documents::attachment(c.tx, parent(&input)?).await?;
        let files = read_files(ctx, docs, input.files).await?;
        let saved = documents::upload_recorded(&c, &docs.store, at, files).await?;
        Ok(UploadDocumentPayload {
            documents: saved.into_iter().map(Document).collect(),
        })
    }

    /// Deletes a document: its row at once, its object when the request commits. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_document(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        let docs = ctx.data::<Arc<Documents>>()?;
        documents::delete_recorded(&caller(ctx)?, &docs.store, &id).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
