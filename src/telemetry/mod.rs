//! Tracing subscriber: pretty or JSON logs, level from `RUST_LOG` (default `info`); Prometheus
//! metrics ([`metrics`]) and the GraphQL operation meter ([`graphql`]). JSON lines carry the
//! request id of the request they were logged in ([`json`]).
pub mod json;
pub mod metrics;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Installs the global subscriber once; later calls (tests) are ignored.
pub fn init(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    if format == "json" {
        let _ = tracing_subscriber::registry()
            .with(filter)
            .with(json::SpanFields)
            .with(
                tracing_subscriber::fmt::layer()
                    .event_format(json::JsonLines)
                    .with_writer(std::io::stderr),
            )
            .try_init();
        return;
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Test logging: silent unless `TEST_LOG` is set (`TEST_LOG=json` for JSON lines).
pub fn init_for_tests() {
    if let Some(v) = std::env::var_os("TEST_LOG") {
        init(if v == "json" { "json" } else { "pretty" });
    }
}
