//! GraphQL over HTTP response negotiation: picks `application/graphql-response+json` or
//! `application/json` from the `Accept` header and the status code that goes with it (400 for a
//! request error, i.e. one that stopped the operation before execution, when the client accepts
//! `application/graphql-response+json`; always 200 for a GraphQL result in `application/json`).
use actix_web::http::header::{ACCEPT, CACHE_CONTROL, HeaderName, HeaderValue};
use actix_web::http::{StatusCode, header::HeaderMap};
use actix_web::{HttpRequest, HttpResponse};
use async_graphql::{BatchResponse, Response};

/// The two response media types of the GraphQL-over-HTTP specification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    GraphQLResponseJson,
    Json,
}

impl MediaType {
    /// The client's preferred type by `q` value (ties go to the earlier entry). `*/*`,
    /// `application/*`, a missing header and one naming neither type all mean `application/json`,
    /// as the specification asks for legacy clients.
    pub fn negotiate(headers: &HeaderMap) -> Self {
        let Some(accept) = headers.get(ACCEPT).and_then(|v| v.to_str().ok()) else {
            return Self::Json;
        };
        let mut best: Option<(f32, Self)> = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let range = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let media = match range.as_str() {
                "application/graphql-response+json" => Self::GraphQLResponseJson,
                "application/json" | "application/*" | "*/*" => Self::Json,
                _ => continue,
            };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").map(str::trim))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(best_q, _)| q > best_q) {
                best = Some((q, media));
            }
        }
        best.map_or(Self::Json, |(_, media)| media)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::GraphQLResponseJson => "application/graphql-response+json; charset=utf-8",
            Self::Json => "application/json; charset=utf-8",
        }
    }
}

/// A request error: nothing was executed (parse, validation or variable coercion failure, or an
/// operation refused by a limit), so there is no `data` entry at all.
fn is_request_error(resp: &Response) -> bool {
    !resp.errors.is_empty() && resp.data == async_graphql::Value::Null && resp.errors.iter().all(|e| e.path.is_empty())
}

/// One response as JSON text, without `data` when it is a request error (GraphQL spec §7.1.2).
/// Serialized straight from async-graphql's ordered maps, so fields come in selection order.
fn to_json(resp: &Response) -> Result<String, serde_json::Error> {
    if !is_request_error(resp) {
        return serde_json::to_string(resp);
    }
    let mut value = serde_json::to_value(resp)?;
    if let Some(map) = value.as_object_mut() {
        map.remove("data");
    }
    Ok(value.to_string())
}

/// Turns an executed (batch) response into the HTTP response the client negotiated.
pub fn respond(resp: BatchResponse, http: &HttpRequest) -> HttpResponse {
    let media = MediaType::negotiate(http.headers());
    let (status, body) = match &resp {
        BatchResponse::Single(r) => {
            let status = match media {
                MediaType::GraphQLResponseJson if is_request_error(r) => StatusCode::BAD_REQUEST,
                _ => StatusCode::OK,
            };
            (status, to_json(r))
        }
        BatchResponse::Batch(rs) => (
            StatusCode::OK,
            rs.iter()
                .map(to_json)
                .collect::<Result<Vec<_>, _>>()
                .map(|parts| format!("[{}]", parts.join(","))),
        ),
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "GraphQL response could not be serialized");
            return HttpResponse::InternalServerError().finish();
        }
    };
    let mut builder = HttpResponse::build(status);
    builder.insert_header(("content-type", media.content_type()));
    if resp.is_ok()
        && let Some(cache_control) = resp.cache_control().value()
    {
        builder.insert_header((CACHE_CONTROL, cache_control));
    }
    for (name, value) in resp.http_headers_iter() {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            builder.append_header((n, v));
        }
    }
    builder.body(body)
}

/// The body of a response the response cache may keep: a single result without errors, HTTP
/// headers or cache hints, serialized exactly as [`respond`] would.
pub fn cacheable_body(resp: &Response) -> Option<actix_web::web::Bytes> {
    if !resp.is_ok() || !resp.http_headers.is_empty() || resp.cache_control.value().is_some() {
        return None;
    }
    to_json(resp).ok().map(Into::into)
}

/// A response body from (or on its way into) the response cache; `X-Cache` says which.
pub fn respond_cached(body: actix_web::web::Bytes, http: &HttpRequest, hit: bool) -> HttpResponse {
    let media = MediaType::negotiate(http.headers());
    HttpResponse::Ok()
        .insert_header(("content-type", media.content_type()))
        .insert_header(("x-cache", if hit { "hit" } else { "miss" }))
        .body(body)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
