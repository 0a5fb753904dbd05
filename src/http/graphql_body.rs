//! Reads a GraphQL-over-HTTP request strictly: POST `application/json` (one operation or a batch),
//! POST `multipart/form-data` (the GraphQL multipart request spec, handed to
//! async-graphql-actix-web), and GET with URL parameters for queries only. Malformed requests are
//! refused with a GraphQL-shaped error naming the parameter, before authentication or execution.
use super::negotiation::MediaType;
use super::request_error::{Rejection, RequestError};
use super::state::AppState;
use actix_web::http::Method;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, Request};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The parsed operation(s) of one HTTP request.
pub struct GraphQLBody(pub BatchRequest);

impl GraphQLBody {
    pub fn into_inner(self) -> BatchRequest {
        self.0
    }
}

/// Largest body read when the state is not reachable (it always is in the server).
const FALLBACK_BODY_LIMIT: usize = 8 * 1024 * 1024;

impl FromRequest for GraphQLBody {
    type Error = Rejection;
    type Future = LocalBoxFuture<'static, Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let media = MediaType::negotiate(req.headers());
        let reject = move |error| Rejection::new(error, media);
        if req.method() == Method::GET {
            let parsed = from_query_string(req.query_string()).map(Self).map_err(reject);
            return Box::pin(async move { parsed });
        }
        if req.method() != Method::POST {
            let error = RequestError::MethodNotAllowed(req.method().to_string());
            return Box::pin(async move { Err(reject(error)) });
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
            let upstream = async_graphql_actix_web::GraphQLBatchRequest::from_request(req, payload);
            return Box::pin(async move {
                upstream.await.map(|b| Self(b.0)).map_err(|e| {
                    let status = e.as_response_error().status_code();
                    reject(RequestError::Multipart {
                        status,
                        message: e.to_string(),
                    })
                })
            });
        }
        if mime != "application/json" || !utf8_charset(content_type) {
            let error = RequestError::UnsupportedMediaType(content_type.to_owned());
            return Box::pin(async move { Err(reject(error)) });
        }
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map_or(FALLBACK_BODY_LIMIT, |s| s.settings.graphql.max_body_bytes);
        let mut payload = payload.take();
        Box::pin(async move {
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| reject(RequestError::Read(e.to_string())))?;
                if body.len() + chunk.len() > limit {
                    return Err(reject(RequestError::BodyTooLarge(limit)));
                }
                body.extend_from_slice(&chunk);
            }
            from_json_body(&body).map(Self).map_err(reject)
        })
    }
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
    match params.remove("query") {
        Some(q @ Value::String(_)) => clean.insert("query".into(), q),
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
/// queries run over GET; a mutation (or subscription) is refused with 405 (§7.1 of the spec).
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
    let request = from_params(params, "")?;
    if let Ok(doc) = async_graphql::parser::parse_query(&request.query) {
        let ty = match (&doc.operations, request.operation_name.as_deref()) {
            (DocumentOperations::Single(op), _) => Some(op.node.ty),
            (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
            (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next().map(|op| op.node.ty),
            _ => None,
        };
        match ty {
            Some(OperationType::Mutation) => return Err(RequestError::NotAllowedOverGet("mutation")),
            Some(OperationType::Subscription) => return Err(RequestError::NotAllowedOverGet("subscription")),
            _ => {}
        }
    }
    Ok(BatchRequest::Single(request))
}

/// Route guard: a GET carrying a `query` parameter is an operation; one without is a browser
/// asking for GraphiQL.
pub fn has_query_param(ctx: &actix_web::guard::GuardContext<'_>) -> bool {
    let qs = ctx.head().uri.query().unwrap_or_default();
    web::Query::<HashMap<String, String>>::from_query(qs).is_ok_and(|q| q.contains_key("query"))
}

#[cfg(test)]
#[path = "graphql_body_tests.rs"]
mod tests;
