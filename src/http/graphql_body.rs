//! Reads a GraphQL-over-HTTP request strictly: POST `application/json` (one operation or a batch),
//! POST `multipart/form-data` (the GraphQL multipart request spec, handed to
//! async-graphql-actix-web), and GET with URL parameters for queries only. Malformed requests are
//! refused with a GraphQL-shaped error naming the parameter, before authentication or execution.
use super::negotiation::MediaType;
use super::state::AppState;
use actix_web::http::header::{ALLOW, CONTENT_TYPE};
use actix_web::http::{Method, StatusCode};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, dev::Payload, web};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, Request};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Why a request was refused before execution. `reason()` is the stable `extensions.reason`.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("the request body is empty")]
    EmptyBody,
    #[error("the request body is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("`{field}` {problem}")]
    InvalidParameter { field: String, problem: &'static str },
    #[error("content type `{0}` is not supported: send application/json (multipart/form-data for uploads)")]
    UnsupportedMediaType(String),
    #[error("the request body is larger than {0} bytes")]
    BodyTooLarge(usize),
    #[error("{0} operations are only accepted with POST")]
    NotAllowedOverGet(&'static str),
    #[error("method {0} is not supported: use GET or POST")]
    MethodNotAllowed(String),
    #[error("the request body could not be read: {0}")]
    Read(String),
    #[error("{message}")]
    Multipart { status: StatusCode, message: String },
}

impl RequestError {
    pub fn reason(&self) -> &'static str {
        match self {
            Self::EmptyBody => "EMPTY_BODY",
            Self::InvalidJson(_) => "INVALID_JSON",
            Self::InvalidParameter { .. } => "INVALID_PARAMETER",
            Self::UnsupportedMediaType(_) => "UNSUPPORTED_MEDIA_TYPE",
            Self::BodyTooLarge(_) => "BODY_TOO_LARGE",
            Self::NotAllowedOverGet(_) => "OPERATION_NOT_ALLOWED_OVER_GET",
            Self::MethodNotAllowed(_) => "METHOD_NOT_ALLOWED",
            Self::Read(_) => "BODY_UNREADABLE",
            Self::Multipart { .. } => "INVALID_MULTIPART",
        }
    }

    fn field(&self) -> &str {
        match self {
            Self::InvalidParameter { field, .. } => field,
            Self::NotAllowedOverGet(_) => "query",
            Self::UnsupportedMediaType(_) => "content-type",
            _ => "body",
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::NotAllowedOverGet(_) | Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Multipart { status, .. } => *status,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

/// A refused request, answered in the media type the client negotiated.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct Rejection {
    error: RequestError,
    media: MediaType,
}

impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        self.error.status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((CONTENT_TYPE, self.media.content_type()));
        if self.status_code() == StatusCode::METHOD_NOT_ALLOWED {
            let allow = if matches!(self.error, RequestError::NotAllowedOverGet(_)) {
                "POST"
            } else {
                "GET, POST"
            };
            res.insert_header((ALLOW, allow));
        }
        let ext =
            serde_json::json!({ "code": "BAD_USER_INPUT", "reason": self.error.reason(), "field": self.error.field() });
        res.body(
            serde_json::json!({ "errors": [{ "message": self.error.to_string(), "extensions": ext }] }).to_string(),
        )
    }
}

/// The parsed operation(s) of one HTTP request.
pub struct GraphQLBody(BatchRequest);

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
        let reject = move |error| Rejection { error, media };
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn reason(body: &str) -> &'static str {
        from_json_body(body.as_bytes()).err().map_or("OK", |e| e.reason())
    }

    #[test]
    fn parameters_of_the_wrong_type_are_refused_naming_the_field() {
        assert_eq!(reason(r#"{"query": "{ me { subject } }"}"#), "OK");
        assert_eq!(
            reason(r#"{"query": "{ a }", "variables": null, "extensions": null, "operationName": null}"#),
            "OK"
        );
        assert_eq!(reason(r#"[{"query": "{ a }"}, {"query": "{ b }"}]"#), "OK");
        assert_eq!(reason(""), "EMPTY_BODY");
        assert_eq!(reason(r#"{ "not json"#), "INVALID_JSON");
        for body in [
            r#"{"qeury": "{ a }"}"#,
            r#"{"query": 0}"#,
            r#"{"query": "{ a }", "variables": "x"}"#,
            r#"{"query": "{ a }", "extensions": []}"#,
            r#"{"query": "{ a }", "operationName": false}"#,
            r#"[{"query": "{ a }"}, 5]"#,
            "7",
        ] {
            assert_eq!(reason(body), "INVALID_PARAMETER", "{body}");
        }
        let Err(RequestError::InvalidParameter { field, .. }) =
            from_json_body(br#"[{"query": "{ a }"}, {"query": "{ b }", "variables": []}]"#)
        else {
            panic!("expected an invalid parameter");
        };
        assert_eq!(field, "[1].variables");
    }

    #[test]
    fn get_runs_queries_with_json_variables_and_refuses_mutations() {
        let ok =
            from_query_string("query=query%20Q(%24n%3A%20String!)%7B__typename%7D&variables=%7B%22n%22%3A%22x%22%7D");
        let BatchRequest::Single(r) = ok.unwrap() else {
            panic!("single")
        };
        assert_eq!(
            r.variables.into_value().into_json().unwrap(),
            serde_json::json!({"n": "x"})
        );
        let err = from_query_string("query=mutation%20%7B__typename%7D").unwrap_err();
        assert_eq!(err.reason(), "OPERATION_NOT_ALLOWED_OVER_GET");
        let named = from_query_string("query=query%20A%7Ba%7D%20mutation%20B%7Bb%7D&operationName=B").unwrap_err();
        assert_eq!(named.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            from_query_string("query=%7Ba%7D&variables=%5B%5D")
                .unwrap_err()
                .reason(),
            "INVALID_PARAMETER"
        );
    }

    #[test]
    fn only_a_utf8_charset_is_accepted() {
        assert!(utf8_charset("application/json"));
        assert!(utf8_charset("application/json; charset=UTF-8"));
        assert!(!utf8_charset("application/json; charset=latin1"));
    }
}
