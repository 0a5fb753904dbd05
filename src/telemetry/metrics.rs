//! Prometheus collectors (one process-wide registry) and the text rendering served at `/metrics`.
//! Label values are bounded: routes are the router's match patterns, GraphQL operation names are
//! capped (by the GraphQL layer's metrics extension), outcomes are the fixed error codes.
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder,
};
use sea_orm::{DatabaseConnection, DbBackend};
use std::sync::LazyLock;
use std::time::Instant;

/// Latency buckets in seconds (1 ms … 30 s).
const LATENCY: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

pub struct Metrics {
    registry: Registry,
    /// `reos_http_requests_total{method, route, status}`
    pub http_requests: IntCounterVec,
    /// `reos_http_request_duration_seconds{method, route, status}`
    pub http_duration: HistogramVec,
    /// `reos_graphql_operations_total{operation, outcome}`
    pub graphql_operations: IntCounterVec,
    /// `reos_graphql_operation_duration_seconds{operation, outcome}`
    pub graphql_duration: HistogramVec,
    /// `reos_graphql_request_cost_total`: complexity charged to the rate limiter
    pub graphql_cost: IntCounter,
    /// `reos_rate_limit_decisions_total{scope, decision}`: allowed, limited, fail_open, fail_closed
    pub rate_limit_decisions: IntCounterVec,
    /// `reos_db_pool_connections{pool, state}`: idle, in_use (sampled at scrape)
    pub db_pool_connections: IntGaugeVec,
    /// `reos_jobs_total{kind, status}`: job runs by how they ended (succeeded, failed, dead, stopped)
    pub jobs: IntCounterVec,
    /// `reos_job_duration_seconds{kind}`
    pub job_duration: HistogramVec,
    /// `reos_graph_outbox_lag_seconds`: age of the oldest graph outbox row waiting at the start
    /// of the last drain round (0: none waited; only with Neo4j configured)
    pub graph_outbox_lag: IntGauge,
    /// `reos_db_pool_max_connections{pool}`
    pub db_pool_max: IntGaugeVec,
    /// `reos_valuation_duration_seconds{model}`: comp_critic, dcf
    pub valuation_duration: HistogramVec,
    /// `reos_graphql_response_cache_total{result}`: hit, miss (a cacheable query computed)
    pub response_cache: IntCounterVec,
}

fn counter(r: &Registry, name: &str, help: &str, labels: &[&str]) -> prometheus::Result<IntCounterVec> {
    let c = IntCounterVec::new(Opts::new(name, help), labels)?;
    r.register(Box::new(c.clone()))?;
    Ok(c)
}

fn histogram(r: &Registry, name: &str, help: &str, labels: &[&str]) -> prometheus::Result<HistogramVec> {
    let h = HistogramVec::new(HistogramOpts::new(name, help).buckets(LATENCY.to_vec()), labels)?;
    r.register(Box::new(h.clone()))?;
    Ok(h)
}

fn gauge(r: &Registry, name: &str, help: &str, labels: &[&str]) -> prometheus::Result<IntGaugeVec> {
    let g = IntGaugeVec::new(Opts::new(name, help), labels)?;
    r.register(Box::new(g.clone()))?;
    Ok(g)
}

impl Metrics {
    fn new() -> prometheus::Result<Self> {
        let r = Registry::new();
        Ok(Self {
            http_requests: counter(
                &r,
                "reos_http_requests_total",
                "HTTP requests",
                &["method", "route", "status"],
            )?,
            http_duration: histogram(
                &r,
                "reos_http_request_duration_seconds",
                "HTTP request latency",
                &["method", "route", "status"],
            )?,
            graphql_operations: counter(
                &r,
                "reos_graphql_operations_total",
                "GraphQL operations by name and outcome (ok or the first error code)",
                &["operation", "outcome"],
            )?,
            graphql_duration: histogram(
                &r,
                "reos_graphql_operation_duration_seconds",
                "GraphQL operation latency (parse, validation, execution)",
                &["operation", "outcome"],
            )?,
            graphql_cost: {
                let c = IntCounter::with_opts(Opts::new(
                    "reos_graphql_request_cost_total",
                    "Query cost (async-graphql complexity) of metered requests",
                ))?;
                r.register(Box::new(c.clone()))?;
                c
            },
            rate_limit_decisions: counter(
                &r,
                "reos_rate_limit_decisions_total",
                "Rate-limit decisions per budget scope (ip, tenant, user)",
                &["scope", "decision"],
            )?,
            db_pool_connections: gauge(
                &r,
                "reos_db_pool_connections",
                "Database pool connections by state",
                &["pool", "state"],
            )?,
            db_pool_max: gauge(
                &r,
                "reos_db_pool_max_connections",
                "Database pool size limit",
                &["pool"],
            )?,
            valuation_duration: histogram(
                &r,
                "reos_valuation_duration_seconds",
                "Valuation run time by model",
                &["model"],
            )?,
            response_cache: counter(
                &r,
                "reos_graphql_response_cache_total",
                "Response cache lookups of queries by result (hit, miss)",
                &["result"],
            )?,
            jobs: counter(
                &r,
                "reos_jobs_total",
                "Background job runs by kind and how they ended",
                &["kind", "status"],
            )?,
            job_duration: histogram(&r, "reos_job_duration_seconds", "Background job run time", &["kind"])?,
            graph_outbox_lag: {
                let g = IntGauge::with_opts(Opts::new(
                    "reos_graph_outbox_lag_seconds",
                    "Age of the oldest graph outbox row waiting at the start of the last drain round",
                ))?;
                r.register(Box::new(g.clone()))?;
                g
            },
            registry: r,
        })
    }
}

static METRICS: LazyLock<Result<Metrics, String>> = LazyLock::new(|| Metrics::new().map_err(|e| e.to_string()));

/// The collectors, or None if they could not be registered (startup refuses that case, see [`init`]).
pub fn get() -> Option<&'static Metrics> {
    METRICS.as_ref().ok()
}

/// Registers the collectors; an error here stops startup instead of running without metrics.
pub fn init() -> anyhow::Result<()> {
    METRICS
        .as_ref()
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("registering metrics: {e}"))
}

fn pool_numbers(conn: &DatabaseConnection) -> (u32, usize, u32) {
    match conn.get_database_backend() {
        DbBackend::Postgres => {
            let p = conn.get_postgres_connection_pool();
            (p.size(), p.num_idle(), p.options().get_max_connections())
        }
        DbBackend::Sqlite => {
            let p = conn.get_sqlite_connection_pool();
            (p.size(), p.num_idle(), p.options().get_max_connections())
        }
        _ => (0, 0, 0),
    }
}

/// Samples the service pool (the one requests use) into the gauges.
pub fn observe_pools(service: &DatabaseConnection) {
    let Some(m) = get() else { return };
    let (size, idle, max) = pool_numbers(service);
    let idle = idle as i64;
    m.db_pool_connections.with_label_values(&["service", "idle"]).set(idle);
    m.db_pool_connections
        .with_label_values(&["service", "in_use"])
        .set((i64::from(size) - idle).max(0));
    m.db_pool_max.with_label_values(&["service"]).set(i64::from(max));
}

/// The registry in the Prometheus text format.
pub fn render() -> String {
    let Some(m) = get() else { return String::new() };
    let mut out = Vec::new();
    if let Err(e) = TextEncoder::new().encode(&m.registry.gather(), &mut out) {
        tracing::error!(error = %e, "encoding metrics");
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Observes `reos_valuation_duration_seconds{model}` when dropped (errors included).
pub struct ValuationTimer {
    model: &'static str,
    started: Instant,
}

/// Starts timing one valuation run of `model` (`comp_critic`, `dcf`).
pub fn valuation_timer(model: &'static str) -> ValuationTimer {
    ValuationTimer {
        model,
        started: Instant::now(),
    }
}

impl Drop for ValuationTimer {
    fn drop(&mut self) {
        if let Some(m) = get() {
            m.valuation_duration
                .with_label_values(&[self.model])
                .observe(self.started.elapsed().as_secs_f64());
        }
    }
}
