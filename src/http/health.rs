//! `/healthz` (the process answers) and `/readyz` (the database answers too, within
//! [`READY_PROBE_TIMEOUT`]: a database that hangs turns the instance red in a second, not after
//! the pool's connect timeout; and the instance is not draining after a SIGTERM).
use super::state::AppState;
use actix_web::{HttpResponse, web};
use std::time::Duration;

/// Longest the readiness probe waits for the database.
pub const READY_PROBE_TIMEOUT: Duration = Duration::from_secs(1);

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    if state.draining.load(std::sync::atomic::Ordering::SeqCst) {
        return HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "draining"}));
    }
    match tokio::time::timeout(READY_PROBE_TIMEOUT, state.db.ping()).await {
        Ok(true) => HttpResponse::Ok().json(serde_json::json!({"status": "ready"})),
        Ok(false) => HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "database unavailable"})),
        Err(_) => {
            HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "database did not answer within 1 s"}))
        }
    }
}
