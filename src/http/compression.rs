//! Response compression: actix-web's `Compress` (brotli or gzip, as `Accept-Encoding` prefers)
//! for bodies of at least `compression_min_bytes`; smaller bodies, and document downloads
//! (already-compressed files, streamed), are sent as they are. `Compress` has no size
//! threshold, so [`mark_small`] (inside it) labels what must not be compressed with
//! `Content-Encoding: identity`, which `Compress` leaves alone, and [`unmark`] (outside it) takes
//! the label off again.
use super::state::AppState;
use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_ENCODING, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

const IDENTITY: HeaderValue = HeaderValue::from_static("identity");

/// Labels responses that stay uncompressed (runs inside `Compress`).
pub async fn mark_small(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let min = req
        .app_data::<web::Data<AppState>>()
        .map_or(1024, |s| s.settings.web.compression_min_bytes);
    let download = req.path().starts_with("/documents/");
    let mut res = next.call(req).await?;
    let small = match res.response().body().size() {
        BodySize::Sized(n) => n < min as u64,
        BodySize::None => true,
        BodySize::Stream => false,
    };
    if (small || download) && !res.headers().contains_key(CONTENT_ENCODING) {
        res.headers_mut().insert(CONTENT_ENCODING, IDENTITY);
    }
    Ok(res)
}

/// Removes the label [`mark_small`] put on (runs outside `Compress`).
pub async fn unmark(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    if res.headers().get(CONTENT_ENCODING) == Some(&IDENTITY) {
        res.headers_mut().remove(CONTENT_ENCODING);
    }
    Ok(res)
}
