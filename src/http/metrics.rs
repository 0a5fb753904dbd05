//! `GET /metrics` (Prometheus text format) and the middleware counting every HTTP request by
//! method, route pattern and status, which also writes one access-log line per request (inside
//! the request's span, so JSON logs carry its `request_id`).
use super::state::AppState;
use crate::telemetry::metrics;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use std::time::Instant;

/// Prometheus scrape endpoint; samples the database pool first.
pub async fn scrape(state: web::Data<AppState>) -> HttpResponse {
    metrics::observe_pools(&state.db.service);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(metrics::render())
}

/// Mounts `/metrics` (on the main listener unless `metrics_listen` gives it its own).
pub fn mount(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(scrape));
}

/// Middleware: `reos_http_requests_total` and `reos_http_request_duration_seconds`.
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let res = next.call(req).await?;
    let elapsed = started.elapsed();
    // The pattern, not the path: bounded label values.
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".into());
    let status = res.status().as_u16();
    if let Some(m) = metrics::get() {
        let status_label = status.to_string();
        let labels = [method.as_str(), route.as_str(), status_label.as_str()];
        m.http_requests.with_label_values(&labels).inc();
        m.http_duration
            .with_label_values(&labels)
            .observe(elapsed.as_secs_f64());
    }
    let ms = elapsed.as_secs_f64() * 1_000.0;
    if route == "/graphql" {
        tracing::info!(method = %method, route, status, ms, "request");
    } else {
        tracing::debug!(method = %method, route, status, ms, "request");
    }
    Ok(res)
}
