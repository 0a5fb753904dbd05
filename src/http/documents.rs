//! `GET /documents/{id}`: the bytes of one document, streamed with its stored content type and a
//! `Content-Disposition`, for a bearer token of the document's tenant with the analyst role or
//! higher. Another tenant's id, a malformed id and a missing document all get the same 404.
use super::authn::Authenticated;
use super::error_body::error_response;
use super::state::AppState;
use crate::auth::Role;
use crate::persistence::TenantTx;
use crate::persistence::object_store::{ObjectKey, StoreError};
use crate::services::documents::{Documents, names};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::TryStreamExt;
use reos_entities::document;

fn error(status: StatusCode, code: &str, message: &str, request_id: &str) -> HttpResponse {
    error_response(status, code, None, message, request_id)
}

fn not_found(request_id: &str) -> HttpResponse {
    error(StatusCode::NOT_FOUND, "NOT_FOUND", "document not found", request_id)
}

fn unavailable(what: &str, e: &dyn std::fmt::Display, request_id: &str) -> HttpResponse {
    tracing::error!(error = %e, "{what}");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "INTERNAL_SERVER_ERROR",
        "storage unavailable",
        request_id,
    )
}

/// The document row, if the token may read it; otherwise the response to send.
async fn authorized(
    state: &AppState,
    http: &HttpRequest,
    who: Authenticated,
    id: &str,
) -> Result<(TenantTx, document::Model), HttpResponse> {
    let request_id = crate::http::request_id::request_id(http);
    if !who.role.at_least(Role::Analyst) {
        return Err(error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "requires the analyst role or higher",
            &request_id,
        ));
    }
    let Ok(id) = uuid::Uuid::parse_str(id) else {
        return Err(not_found(&request_id));
    };
    let tx = TenantTx::begin(&state.db.service, who.tenant)
        .await
        .map_err(|e| unavailable("could not open the tenant transaction", &e, &request_id))?;
    match crate::persistence::repositories::find::<document::Entity>(&tx, id).await {
        Ok(Some(doc)) => Ok((tx, doc)),
        Ok(None) => Err(not_found(&request_id)),
        Err(e) => Err(unavailable("document lookup failed", &e, &request_id)),
    }
}

#[tracing::instrument(skip_all, fields(document = %id))]
pub async fn download(
    state: web::Data<AppState>,
    docs: web::Data<Documents>,
    http: HttpRequest,
    who: Authenticated,
    id: web::Path<String>,
) -> HttpResponse {
    let (tx, doc) = match authorized(&state, &http, who, &id).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let tenant = tx.tenant();
    // Read-only: nothing to keep.
    if let Err(e) = tx.rollback().await {
        tracing::warn!(error = %e, "rollback failed");
    }
    let stream = match ObjectKey::stored(tenant, &doc.object_key) {
        Ok(key) => docs.store.get(tenant, &key).await,
        Err(e) => Err(e),
    };
    match stream {
        Ok(stream) => HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, doc.content_type.as_str()))
            .insert_header((CONTENT_DISPOSITION, names::content_disposition(&doc.file_name)))
            .insert_header(("X-Content-Type-Options", "nosniff"))
            .insert_header(("Cache-Control", "private, no-store"))
            .no_chunking(doc.size_bytes as u64)
            .streaming(stream.map_err(std::io::Error::other)),
        Err(StoreError::NotFound) => {
            tracing::error!(key = doc.object_key.as_str(), "document row without its object");
            not_found(&crate::http::request_id::request_id(&http))
        }
        Err(e) => unavailable(
            "reading the object failed",
            &e,
            &crate::http::request_id::request_id(&http),
        ),
    }
}
