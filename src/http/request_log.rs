//! The root span of every HTTP request (tracing-actix-web's fields), with `http.client_ip` taken
//! the way the rate limiter takes it: the peer address, and the `Forwarded` / `X-Forwarded-For`
//! value only when `[rate_limit] trust_forwarded_for` says a proxy sets it. A client cannot write
//! its own address into the log by sending the header.
use super::rate_limit::client_ip;
use crate::ratelimit::RateLimiter;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage, web};
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

pub struct ReosRootSpan;

/// Whether the forwarded headers are trusted for this request's app.
fn trusts_forwarded(request: &ServiceRequest) -> bool {
    request
        .app_data::<web::Data<RateLimiter>>()
        .is_some_and(|l| l.settings().trust_forwarded_for)
}

impl RootSpanBuilder for ReosRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let ip = client_ip(request.request(), trusts_forwarded(request));
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        let request_id = request.extensions().get::<RequestId>().map(ToString::to_string);
        let user_agent = request
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.target = %request.uri().path_and_query().map(|p| p.as_str()).unwrap_or(""),
            http.client_ip = %ip,
            http.user_agent = %user_agent,
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            request_id = %request_id.unwrap_or_default(),
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

#[cfg(test)]
mod tests;
