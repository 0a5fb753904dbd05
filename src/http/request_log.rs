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
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use std::sync::{Arc, Mutex};
    use tracing_subscriber::layer::{Context, SubscriberExt};

    /// Records the `http.client_ip` of every new span.
    #[derive(Clone, Default)]
    struct ClientIps(Arc<Mutex<Vec<String>>>);

    struct Visit<'a>(&'a mut Vec<String>);

    impl tracing::field::Visit for Visit<'_> {
        fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
            if field.name() == "http.client_ip" {
                self.0.push(format!("{value:?}"));
            }
        }
    }

    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for ClientIps {
        fn on_new_span(&self, attrs: &tracing::span::Attributes<'_>, _: &tracing::span::Id, _: Context<'_, S>) {
            attrs.record(&mut Visit(&mut self.0.lock().unwrap()));
        }
    }

    fn logged_ip(trust: bool) -> String {
        let ips = ClientIps::default();
        let subscriber = tracing_subscriber::registry().with(ips.clone());
        let mut settings = crate::config::Settings::default();
        settings.rate_limit.trust_forwarded_for = trust;
        let limiter = web::Data::new(RateLimiter::from_settings(&settings).unwrap());
        let peer: std::net::SocketAddr = "10.1.2.3:4567".parse().unwrap();
        let req = TestRequest::default()
            .peer_addr(peer)
            .insert_header(("x-forwarded-for", "203.0.113.9"))
            .app_data(limiter)
            .to_srv_request();
        tracing::subscriber::with_default(subscriber, || drop(ReosRootSpan::on_request_start(&req)));
        let ips = ips.0.lock().unwrap();
        ips.first().cloned().unwrap_or_default()
    }

    #[test]
    fn the_logged_ip_is_the_peer_unless_forwarded_headers_are_trusted() {
        assert_eq!(logged_ip(false), "10.1.2.3");
        assert_eq!(logged_ip(true), "203.0.113.9");
    }
}
