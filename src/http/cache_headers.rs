//! `Cache-Control` and `Vary` of the answers that depend on the caller: `/graphql` operations
//! and `/documents/{id}`. Every such answer varies by `Authorization` and `Origin`; one without a
//! `Cache-Control` of its own (GraphiQL's page has one; successful GET queries get
//! `http_cache_control` from the handler) is `private, no-store`.
use crate::config::NO_STORE;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{CACHE_CONTROL, HeaderMap, HeaderValue, VARY};
use actix_web::middleware::Next;

/// Adds the caching headers to `/graphql` and `/documents/…` answers (not to preflights).
pub async fn private(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let applies =
        req.method() != Method::OPTIONS && (req.path() == "/graphql" || req.path().starts_with("/documents/"));
    let mut res = next.call(req).await?;
    if applies {
        let headers = res.headers_mut();
        if !headers.contains_key(CACHE_CONTROL) {
            headers.insert(CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
        }
        vary(headers, &["Authorization", "Origin"]);
    }
    Ok(res)
}

/// Adds `names` to the `Vary` header, each once (other middleware add theirs).
pub fn vary(headers: &mut HeaderMap, names: &[&str]) {
    let mut all: Vec<String> = headers
        .get_all(VARY)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    for name in names {
        if !all.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            all.push((*name).to_owned());
        }
    }
    if let Ok(v) = HeaderValue::from_str(&all.join(", ")) {
        headers.insert(VARY, v);
    }
}

#[cfg(test)]
mod tests;
