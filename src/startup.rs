//! `Application::build` wires settings into a bound server (port 0 in tests) and
//! `run_until_stopped` serves until the process is told to stop.
use crate::auth::dev::DevKeys;
use crate::auth::{Role, Verifier, VerifierConfig};
use crate::config::Settings;
use crate::graphql::schema::build_schemas;
use crate::http::{self, state::AppState};
use crate::persistence::Database;
use crate::services::documents::Documents;
use crate::services::property_import::PipelineConfig;
use crate::services::seed;
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

/// A built, bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    state: Arc<AppState>,
    /// `/metrics` on its own listener (`metrics_listen`): its port and server.
    metrics: Option<(u16, Server)>,
    /// Error reporting stays on while the server runs (flushed when dropped); None without a DSN.
    _sentry: Option<sentry::ClientInitGuard>,
}

/// The token verifier the settings ask for, and (development auth only) the dev keys.
pub async fn verifier(settings: &Settings) -> anyhow::Result<(Verifier, Option<DevKeys>)> {
    if settings.dev_auth_enabled() {
        let keys = DevKeys::load_or_create(&settings.server.data_dir).context("development keys")?;
        return Ok((keys.verifier(), Some(keys)));
    }
    let mut config = VerifierConfig {
        tenant_claim: settings.auth.tenant_claim.clone(),
        require_nbf: settings.auth.require_nbf,
        min_refresh_interval: Duration::from_secs(settings.auth.jwks_min_refresh_secs),
        ..VerifierConfig::default()
    };
    config.algorithms = settings
        .auth
        .algorithms
        .iter()
        .map(|a| {
            a.parse::<jsonwebtoken::Algorithm>()
                .with_context(|| format!("oidc_algorithms: unknown algorithm {a}"))
        })
        .collect::<anyhow::Result<_>>()?;
    let issuer = settings
        .auth
        .issuer
        .as_deref()
        .context("oidc_issuer is required unless dev auth is on")?;
    let v = match &settings.auth.jwks_file {
        Some(path) => Verifier::from_key_file(path, issuer, &settings.auth.audience, config)?,
        None => Verifier::from_oidc(issuer, &settings.auth.audience, config).await?,
    };
    Ok((v, None))
}

impl Application {
    /// Connects, migrates, seeds (when enabled and empty), sets up auth and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let sentry = crate::http::sentry::init(&settings);
        let db = Database::connect(&settings).await?;
        db.migrate().await?;
        if settings.server.seed_demo {
            seed::demo_if_empty(&db).await?;
        }
        let (verifier, dev_keys) = verifier(&settings).await?;
        let graphiql_token = match &dev_keys {
            Some(k) => Some(k.mint(seed::DEMO_SLUG, Role::Admin, Duration::from_secs(30 * 24 * 3600))?),
            None => None,
        };
        crate::telemetry::metrics::init()?;
        let limiter = web::Data::new(crate::ratelimit::RateLimiter::from_settings(&settings)?);
        let metrics_listener = match &settings.server.metrics_listen {
            Some(addr) => Some(TcpListener::bind(addr).with_context(|| format!("binding metrics_listen {addr}"))?),
            None => None,
        };
        let metrics_here = metrics_listener.is_none();
        let pipeline = PipelineConfig::load(&settings.pipeline).context("pipeline configuration")?;
        let pipeline_settings = Arc::new(pipeline.settings.clone());
        let graph = crate::graph::start::backend(&settings, &db).await?;
        let graph_store = match &graph {
            crate::graph::GraphBackend::Neo4j(store) => Some(store.clone()),
            crate::graph::GraphBackend::Embedded => None,
        };
        let documents = Arc::new(Documents::from_settings(&settings).context("document storage")?);
        tracing::info!(store = documents.store.describe(), "document storage");
        let schemas = build_schemas(
            &settings.graphql,
            pipeline,
            crate::services::market::regime_config(&settings.market),
            settings.jobs.clone(),
            graph,
            Some(documents.clone()),
        );
        let multipart = crate::graphql::upload::multipart_options(&documents);
        let documents = web::Data::from(documents);
        let listener = TcpListener::bind(&settings.server.listen)
            .with_context(|| format!("binding {}", settings.server.listen))?;
        let port = listener.local_addr()?.port();
        let shutdown_timeout = settings.server.shutdown_timeout_secs;
        let instance = instance_header(&settings, port)?;
        let persisted = crate::graphql::persisted::PersistedQueryStore::from_settings(&settings)?;
        let mut state = AppState::new(settings, schemas, db, verifier, graphiql_token, persisted);
        state.responses = response_cache(&state);
        if state.db.service.get_database_backend() == sea_orm::DbBackend::Postgres {
            crate::events::fanout::start(state.db.clone(), state.events.clone());
        }
        if state.settings.jobs.enabled {
            let ctx = crate::services::jobs::worker::Ctx {
                db: state.db.clone(),
                comps: Default::default(),
                bus: state.events.clone(),
                worker: format!(
                    "{}#{}",
                    instance.to_str().unwrap_or("reos"),
                    &uuid::Uuid::new_v4().simple().to_string()[..8]
                ),
                mirror_graph: graph_store.is_some(),
                graph: graph_store,
                pipeline: pipeline_settings,
                settings: state.settings.jobs.clone(),
                regimes: crate::services::market::regime_config(&state.settings.market),
            };
            tokio::spawn(crate::services::jobs::worker::run_forever(ctx));
        }
        let state = Arc::new(state);
        let data = web::Data::from(state.clone());
        let web_settings = state.settings.web.clone();
        // Middleware, innermost first: compression (with its threshold: `mark_small` inside
        // `Compress`, `unmark` outside), the rate limit's headers, CORS (preflights 204), the
        // caching headers, metrics and the request log.
        let server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(http::compression::mark_small))
                .wrap(actix_web::middleware::Compress::default())
                .wrap(from_fn(http::compression::unmark))
                .wrap(from_fn(http::rate_limit::headers))
                .wrap(http::cors::layer(&web_settings))
                .wrap(from_fn(http::cors::preflight_no_content))
                .wrap(from_fn(http::cache_headers::private))
                .wrap(from_fn(http::metrics::track))
                .wrap(tracing_actix_web::TracingLogger::<http::request_log::ReosRootSpan>::new())
                .wrap(actix_web::middleware::DefaultHeaders::new().add(("x-reos-instance", instance.clone())))
                .app_data(data.clone())
                .app_data(limiter.clone())
                .app_data(documents.clone())
                .app_data(multipart)
                .configure(http::routes)
                .configure(|cfg| {
                    if metrics_here {
                        http::metrics::mount(cfg);
                    }
                })
        })
        .shutdown_timeout(shutdown_timeout)
        // SIGTERM and SIGINT are handled by `stop_on_signal` (the grace before the drain).
        .disable_signals()
        .listen(listener)?
        .run();
        let metrics = match metrics_listener {
            Some(l) => {
                let port = l.local_addr()?.port();
                let data = web::Data::from(state.clone());
                let server = HttpServer::new(move || App::new().app_data(data.clone()).configure(http::metrics::mount))
                    .workers(1)
                    .listen(l)?
                    .run();
                Some((port, server))
            }
            None => None,
        };
        Ok(Self {
            port,
            server,
            state,
            metrics,
            _sentry: sentry,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the separate `/metrics` listener, when `metrics_listen` is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(p, _)| *p)
    }

    pub fn state(&self) -> Arc<AppState> {
        self.state.clone()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        tokio::spawn(stop_on_signal(self.state.clone(), self.server.handle()));
        match self.metrics {
            Some((_, metrics)) => futures_util::future::try_join(self.server, metrics).await.map(|_| ()),
            None => self.server.await,
        }
    }
}

/// The `x-reos-instance` value: `instance_name`, else the host name and port.
fn instance_header(settings: &Settings, port: u16) -> anyhow::Result<actix_web::http::header::HeaderValue> {
    let name = settings.server.instance_name.clone().unwrap_or_else(|| {
        let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
        let host = host.trim();
        format!("{}:{port}", if host.is_empty() { "reos" } else { host })
    });
    actix_web::http::header::HeaderValue::from_str(&name)
        .map_err(|_| anyhow::anyhow!("instance_name: `{name}` is not a valid header value (printable ASCII)"))
}

/// Stops the server on the first SIGTERM or SIGINT: `/readyz` turns red and subscriptions close
/// at once; after SIGTERM the instance keeps serving for `drain_grace_secs` (a load balancer's
/// health check sees it and stops sending), then stops accepting and drains for at most
/// `shutdown_timeout_secs`. SIGINT drains at once.
async fn stop_on_signal(state: Arc<AppState>, server: actix_web::dev::ServerHandle) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) else {
        tracing::warn!("cannot listen for SIGTERM/SIGINT; stop the server with SIGKILL");
        return;
    };
    let grace = tokio::select! {
        _ = term.recv() => std::time::Duration::from_secs(state.settings.server.drain_grace_secs),
        _ = int.recv() => std::time::Duration::ZERO,
    };
    state.draining.store(true, std::sync::atomic::Ordering::SeqCst);
    tracing::info!(
        grace_secs = grace.as_secs(),
        "stopping: /readyz answers 503; draining after the grace"
    );
    tokio::time::sleep(grace).await;
    server.stop(true).await;
}

/// The response cache and the task that invalidates it, on PostgreSQL when enabled.
fn response_cache(state: &AppState) -> Option<Arc<crate::http::response_cache::ResponseCache>> {
    let settings = &state.settings.graphql.response_cache;
    if !settings.enabled || state.db.service.get_database_backend() != sea_orm::DbBackend::Postgres {
        return None;
    }
    let cache = Arc::new(crate::http::response_cache::ResponseCache::new(settings));
    let pool = state.db.service.get_postgres_connection_pool().clone();
    tokio::spawn(crate::persistence::changes::follow(pool, cache.clone()));
    Some(cache)
}
