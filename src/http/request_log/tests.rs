//! Unit tests of `http::request_log`.
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
    settings.rate_limit.limiter.trust_forwarded_for = trust;
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
