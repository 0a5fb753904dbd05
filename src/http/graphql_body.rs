//! Reads a GraphQL-over-HTTP request strictly: POST `application/json` (one operation or a batch),
//! POST `multipart/form-data` (the GraphQL multipart request spec, `super::multipart`), and GET
//! with URL parameters for queries only (a persisted query by its hash alone, too). The method and
//! content type are checked from the headers before authentication; the body is read only after
//! it. Malformed requests are refused with a GraphQL-shaped error naming the parameter.
use super::negotiation::MediaType;
use super::request_error::{Rejection, RequestError};
use super::state::AppState;
use actix_web::http::Method;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, Request};
use futures_util::StreamExt;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What a request's method and headers say it carries. Decided from the headers alone, before
/// authentication; the body is read only after the token has been accepted ([`Incoming::read`]).
pub enum Incoming {
    /// GET with URL parameters.
    Get,
    /// POST `application/json`.
    Json,
    /// POST `multipart/form-data` (the GraphQL multipart request spec).
    Multipart,
}

/// Largest body read when the state is not reachable (it always is in the server).
const FALLBACK_BODY_LIMIT: usize = 8 * 1024 * 1024;

impl Incoming {
    /// Method and content type; refusals (405, 415) need no body.
    pub fn from_headers(req: &HttpRequest) -> Result<Self, Rejection> {
        let reject = |error| Rejection::new(error, MediaType::negotiate(req.headers()));
        if req.method() == Method::GET {
            return Ok(Self::Get);
        }
        if req.method() != Method::POST {
            return Err(reject(RequestError::MethodNotAllowed(req.method().to_string())));
        }
        let content_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if mime == "multipart/form-data" {
            return Ok(Self::Multipart);
        }
        if mime != "application/json" || !utf8_charset(content_type) {
            return Err(reject(RequestError::UnsupportedMediaType(content_type.to_owned())));
        }
        Ok(Self::Json)
    }

    /// Reads the operations: the URL parameters, the JSON body (at most `max_body_bytes`), or the
    /// multipart body (files spooled to temporary files within the upload limits).
    pub async fn read(self, req: &HttpRequest, payload: Payload) -> Result<BatchRequest, Rejection> {
        let reject = |error| Rejection::new(error, MediaType::negotiate(req.headers()));
        match self {
            Self::Get => from_query_string(req.query_string()).map_err(reject),
            Self::Multipart => {
                // Files are spooled to temporary files as they arrive (async-graphql's `tempfile`
                // feature) within the limits of `graphql::upload::multipart_options`.
                let mut payload = payload;
                let upstream = async_graphql_actix_web::GraphQLBatchRequest::from_request(req, &mut payload);
                upstream.await.map(|b| b.0).map_err(|e| {
                    let status = e.as_response_error().status_code();
                    reject(RequestError::Multipart {
                        status,
                        message: e.to_string(),
                    })
                })
            }
            Self::Json => {
                let limit = req
                    .app_data::<web::Data<AppState>>()
                    .map_or(FALLBACK_BODY_LIMIT, |s| s.settings.graphql.max_body_bytes);
                let body = read_limited(payload, limit).await.map_err(reject)?;
                from_json_body(&body).map_err(reject)
            }
        }
    }
}

/// The whole body, refused as soon as it passes `limit` bytes.
pub async fn read_limited(mut payload: Payload, limit: usize) -> Result<web::BytesMut, RequestError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| RequestError::Read(e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(RequestError::BodyTooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `charset` absent or utf-8: JSON is UTF-8 (RFC 8259 §8.1).
fn utf8_charset(content_type: &str) -> bool {
    content_type.split(';').skip(1).all(|p| match p.trim().split_once('=') {
        Some((k, v)) if k.trim().eq_ignore_ascii_case("charset") => {
            v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        }
        _ => true,
    })
}

fn from_json_body(bytes: &[u8]) -> Result<BatchRequest, RequestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(RequestError::EmptyBody);
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| RequestError::InvalidJson(e.to_string()))?;
    match value {
        Value::Object(params) => Ok(BatchRequest::Single(from_params(params, "")?)),
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Object(params) => from_params(params, &format!("[{i}].")),
                _ => Err(invalid(format!("[{i}]"), "must be an object")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(BatchRequest::Batch),
        _ => Err(invalid(
            "body".into(),
            "must be an object, or an array of objects for a batch",
        )),
    }
}

fn invalid(field: String, problem: &'static str) -> RequestError {
    RequestError::InvalidParameter { field, problem }
}

/// Checks the request parameters' types (GraphQL over HTTP §5.1): `query` a string, `operationName`
/// a string or null, `variables` and `extensions` maps or null. Other members are ignored.
fn from_params(mut params: Map<String, Value>, prefix: &str) -> Result<Request, RequestError> {
    let field = |name: &str| format!("{prefix}{name}");
    let mut clean = Map::new();
    // A persisted query may come as its hash alone (`graphql::persisted` fills the text in).
    let persisted = params.get("extensions").and_then(|e| e.get("persistedQuery")).is_some();
    match params.remove("query") {
        Some(q @ Value::String(_)) => clean.insert("query".into(), q),
        None | Some(Value::Null) if persisted => clean.insert("query".into(), Value::String(String::new())),
        None | Some(Value::Null) => return Err(invalid(field("query"), "is required")),
        Some(_) => return Err(invalid(field("query"), "must be a string")),
    };
    for (name, want_object) in [("operationName", false), ("variables", true), ("extensions", true)] {
        match params.remove(name) {
            None | Some(Value::Null) => {}
            Some(v @ Value::String(_)) if !want_object => {
                clean.insert(name.into(), v);
            }
            Some(v @ Value::Object(_)) if want_object => {
                clean.insert(name.into(), v);
            }
            Some(_) if want_object => return Err(invalid(field(name), "must be an object")),
            Some(_) => return Err(invalid(field(name), "must be a string")),
        }
    }
    serde_json::from_value(Value::Object(clean)).map_err(|_| invalid(field("variables"), "could not be read"))
}

/// GET parameters: `query`, `operationName`, and JSON-encoded `variables` / `extensions`. Only
/// queries run over GET: [`get_allows`] refuses the rest once the document has been checked.
fn from_query_string(qs: &str) -> Result<BatchRequest, RequestError> {
    let raw = web::Query::<HashMap<String, String>>::from_query(qs)
        .map_err(|_| invalid("query string".into(), "is not valid URL encoding"))?
        .into_inner();
    let mut params = Map::new();
    for (name, value) in raw {
        let value = match name.as_str() {
            "variables" | "extensions" => {
                serde_json::from_str(&value).map_err(|_| invalid(name.clone(), "must be URL-encoded JSON"))?
            }
            _ => Value::String(value),
        };
        params.insert(name, value);
    }
    Ok(BatchRequest::Single(from_params(params, "")?))
}

/// A mutation (or subscription) over GET is refused with 405 (§7.1 of the spec). Uses the
/// document the request already holds (parsed by the document guard).
pub fn get_allows(request: &mut Request) -> Result<(), RequestError> {
    let name = request.operation_name.clone();
    let Ok(doc) = request.parsed_query() else { return Ok(()) };
    let ty = match (&doc.operations, name.as_deref()) {
        (DocumentOperations::Single(op), _) => Some(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next().map(|op| op.node.ty),
        _ => None,
    };
    match ty {
        Some(OperationType::Mutation) => Err(RequestError::NotAllowedOverGet("mutation")),
        Some(OperationType::Subscription) => Err(RequestError::NotAllowedOverGet("subscription")),
        _ => Ok(()),
    }
}

/// Route guard: a GET carrying a `query` parameter (or `extensions`, for a persisted query sent
/// as its hash) is an operation; one with neither is a browser asking for GraphiQL.
pub fn has_query_param(ctx: &actix_web::guard::GuardContext<'_>) -> bool {
    let qs = ctx.head().uri.query().unwrap_or_default();
    web::Query::<HashMap<String, String>>::from_query(qs)
        .is_ok_and(|q| q.contains_key("query") || q.contains_key("extensions"))
}

#[cfg(test)]
mod tests;
