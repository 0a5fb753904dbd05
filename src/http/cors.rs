//! CORS for browser clients on other origins (actix-cors), closed by default: only the exact
//! origins of `cors_origins` get `Access-Control-Allow-Origin` (their own origin, never `*`, no
//! credentials mode: the token travels in `Authorization`). Preflights answer 204 with the
//! methods, headers and max age; another origin's preflight is refused without any CORS header,
//! and its actual requests run as for any client without CORS headers, so the browser blocks
//! the page from reading them.
use crate::config::WebSettings;
use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{ACCEPT, ACCESS_CONTROL_ALLOW_ORIGIN, AUTHORIZATION, CONTENT_TYPE};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

/// Response headers a page may read: the request id and the rate limit's state.
const EXPOSED: [&str; 6] = [
    "x-request-id",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "retry-after",
    "x-cache",
];

/// The CORS middleware for `settings` (one per worker).
pub fn layer(settings: &WebSettings) -> Cors {
    let cors = settings
        .cors_origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin));
    cors.allowed_methods([Method::GET, Method::POST])
        // `accept`: GraphQL over HTTP clients ask for application/graphql-response+json.
        .allowed_headers([AUTHORIZATION, CONTENT_TYPE, ACCEPT])
        .expose_headers(EXPOSED)
        .max_age(usize::try_from(settings.cors_max_age_secs).unwrap_or(usize::MAX))
        .block_on_origin_mismatch(false)
}

/// Middleware around [`layer`]: an accepted preflight answers 204 No Content (actix-cors says 200).
pub async fn preflight_no_content(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let preflight = req.method() == Method::OPTIONS;
    let mut res = next.call(req).await?;
    if preflight && res.status() == StatusCode::OK && res.headers().contains_key(ACCESS_CONTROL_ALLOW_ORIGIN) {
        *res.response_mut().status_mut() = StatusCode::NO_CONTENT;
    }
    Ok(res)
}
