//! The id of an HTTP request, shared by its log lines, its `x-request-id` header and its errors.

/// The request id of an actix request: the one `tracing-actix-web` put on the root span (so logs,
/// the `x-request-id` header and error extensions agree), or a fresh one.
pub fn request_id(http: &actix_web::HttpRequest) -> String {
    use actix_web::HttpMessage;
    http.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string())
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}
