//! The one renderer of the GraphQL-shaped error bodies the HTTP layer writes itself (refusals
//! before execution: authentication, rate limits, malformed requests, timeouts, downloads):
//! `{"errors":[{message, extensions:{code, …}}]}`, `x-request-id` always, `WWW-Authenticate` on
//! 401 and `extensions.requestId` on 5xx.
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderName, HeaderValue, TryIntoHeaderPair};

/// An error answered by the HTTP layer, built up and then rendered once.
pub struct HttpError {
    status: StatusCode,
    message: String,
    extensions: serde_json::Map<String, serde_json::Value>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl HttpError {
    /// An error with its status, stable `extensions.code` and message.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        let mut extensions = serde_json::Map::new();
        extensions.insert("code".into(), code.into());
        Self {
            status,
            message: message.into(),
            extensions,
            headers: Vec::new(),
        }
    }

    /// Adds an extension field (`reason`, `field`, `retryAfterSeconds`…).
    pub fn ext(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.extensions.insert(key.into(), value.into());
        self
    }

    /// Adds a response header.
    pub fn header(mut self, header: impl TryIntoHeaderPair) -> Self {
        if let Ok((name, value)) = header.try_into_pair() {
            self.headers.push((name, value));
        }
        self
    }

    /// The response (with `x-request-id` when the id is known here; the handler adds it otherwise).
    pub fn render(mut self, request_id: Option<&str>) -> HttpResponse {
        if let Some(id) = request_id
            && self.status.is_server_error()
        {
            self.extensions.insert("requestId".into(), id.into());
        }
        let mut res = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            res.insert_header(("WWW-Authenticate", "Bearer"));
        }
        res.insert_header((CONTENT_TYPE, "application/json"));
        for h in self.headers {
            res.insert_header(h);
        }
        let body = serde_json::json!({ "errors": [{ "message": self.message, "extensions": self.extensions }] });
        let mut res = res.body(body.to_string());
        if let Some(id) = request_id {
            with_request_id(&mut res, id);
        }
        res
    }
}

/// [`HttpError`] with an optional `extensions.reason`, rendered.
pub fn error_response(
    status: StatusCode,
    code: &str,
    reason: Option<&str>,
    message: &str,
    request_id: &str,
) -> HttpResponse {
    let mut e = HttpError::new(status, code, message);
    if let Some(r) = reason {
        e = e.ext("reason", r);
    }
    e.render(Some(request_id))
}

/// Puts `x-request-id` on a response.
pub fn with_request_id(res: &mut HttpResponse, request_id: &str) {
    if let Ok(v) = HeaderValue::from_str(request_id) {
        res.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
    }
}
