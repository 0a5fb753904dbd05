//! Error reporting to Sentry (or a Sentry-compatible server such as Bugsink). Off without
//! `sentry_dsn`. Panics (sentry's panic integration) and 5xx-class errors (GraphQL errors with code
//! INTERNAL_SERVER_ERROR, failed commits, an unavailable database) are sent with the tags
//! `request_id`, `operation`, `tenant_id` and `role`, the release and the environment. Nothing
//! identifying is sent: no default PII, no request headers, and `before_send` drops sensitive keys
//! (authorization, cookies, tokens, passwords) and redacts bearer tokens, JWTs and e-mail addresses.
use crate::auth::Role;
use crate::config::Settings;
use crate::graphql::error::InternalCause;
use async_graphql::{BatchRequest, BatchResponse, Response, Value};
use secrecy::ExposeSecret;
use sentry::protocol::{Event, Exception, Level};
use sentry::{Hub, SentryFutureExt};
use std::future::Future;
use std::sync::{Arc, LazyLock};

/// `reos@<version>`, plus `+<sha>` when the build had `REOS_GIT_SHA` set (CI and the Dockerfile).
pub fn release() -> String {
    match option_env!("REOS_GIT_SHA") {
        Some(sha) if !sha.is_empty() => format!("reos@{}+{sha}", env!("CARGO_PKG_VERSION")),
        _ => format!("reos@{}", env!("CARGO_PKG_VERSION")),
    }
}

/// The client options the settings ask for; None without a DSN (checked by `Settings::validate`).
pub fn options(settings: &Settings) -> Option<sentry::ClientOptions> {
    let dsn = settings.telemetry.sentry_dsn.as_ref()?.expose_secret().parse().ok()?;
    let environment = settings
        .telemetry
        .sentry_environment
        .clone()
        .unwrap_or_else(|| settings.server.environment.to_string());
    let mut o = sentry::ClientOptions::default()
        .sample_rate(settings.telemetry.sentry_sample_rate)
        .traces_sample_rate(settings.telemetry.sentry_traces_sample_rate);
    o.dsn = Some(dsn);
    o.release = Some(release().into());
    o.environment = Some(environment.into());
    o.send_default_pii = false;
    o.before_send = Some(Arc::new(scrub));
    o.before_breadcrumb = Some(Arc::new(|_| None));
    Some(o)
}

/// Installs the process-wide client (and the panic hook); keep the guard for the life of the
/// server: dropping it flushes and closes the client. None (and nothing installed) without a DSN.
pub fn init(settings: &Settings) -> Option<sentry::ClientInitGuard> {
    let options = options(settings)?;
    tracing::info!(environment = ?options.environment, release = ?options.release, "error reporting to Sentry is on");
    Some(sentry::init(options))
}

fn sensitive_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "authorization",
        "cookie",
        "token",
        "password",
        "secret",
        "api_key",
        "apikey",
        "email",
    ]
    .iter()
    .any(|s| k.contains(s))
}

static REDACT: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)bearer\s+[A-Za-z0-9._~+/=-]+|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    )
    .ok()
});

fn scrub_value(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.retain(|k, _| !sensitive_key(k));
            m.values_mut().for_each(scrub_value);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(scrub_value),
        serde_json::Value::String(s) => {
            if let Some(re) = REDACT.as_ref()
                && re.is_match(s)
            {
                *s = re.replace_all(s, "[redacted]").into_owned();
            }
        }
        _ => {}
    }
}

/// `before_send`: the event without user, request, sensitive keys, tokens or e-mail addresses.
/// An event that cannot be scrubbed is dropped rather than sent as is.
pub fn scrub(mut event: Event<'static>) -> Option<Event<'static>> {
    event.user = None;
    event.request = None;
    let mut json = serde_json::to_value(&event).ok()?;
    scrub_value(&mut json);
    serde_json::from_value(json).ok()
}

/// The operation's name: the request's `operationName`, else the name of the document's only
/// operation; `anonymous` when there is none, `batch` for batched requests.
fn operation_name(batch: &BatchRequest) -> String {
    let BatchRequest::Single(r) = batch else {
        return "batch".into();
    };
    if let Some(n) = &r.operation_name {
        return n.clone();
    }
    let parsed = async_graphql::parser::parse_query(&r.query).ok();
    parsed
        .and_then(|doc| match doc.operations {
            async_graphql::parser::types::DocumentOperations::Single(_) => None,
            async_graphql::parser::types::DocumentOperations::Multiple(ops) if ops.len() == 1 => {
                ops.keys().next().map(|n| n.to_string())
            }
            async_graphql::parser::types::DocumentOperations::Multiple(_) => None,
        })
        .unwrap_or_else(|| "anonymous".into())
}

/// One GraphQL request's hub: its tags apply to everything captured while the request runs,
/// panics included.
pub struct RequestScope {
    hub: Option<Arc<Hub>>,
    tags: Vec<(&'static str, String)>,
}

impl RequestScope {
    /// A scope with the request id only (before authentication succeeded).
    pub fn anonymous(request_id: &str) -> Self {
        Self::build(|| vec![("request_id", request_id.to_owned())])
    }

    /// A scope tagged with the request, its tenant, role and operation; free when Sentry is off.
    pub fn new(request_id: &str, tenant: &str, role: Role, batch: &BatchRequest) -> Self {
        Self::build(|| {
            vec![
                ("request_id", request_id.to_owned()),
                ("tenant_id", tenant.to_owned()),
                ("role", role.as_str().to_owned()),
                ("operation", operation_name(batch)),
            ]
        })
    }

    fn build(tags: impl FnOnce() -> Vec<(&'static str, String)>) -> Self {
        let main = Hub::main();
        if main.client().is_none_or(|c| !c.is_enabled()) {
            return Self {
                hub: None,
                tags: Vec::new(),
            };
        }
        let tags = tags();
        let hub = Arc::new(Hub::new_from_top(main));
        hub.configure_scope(|scope| tags.iter().for_each(|(k, v)| scope.set_tag(k, v)));
        Self { hub: Some(hub), tags }
    }

    /// Runs `fut` with this scope's hub current (so the panic hook sees the tags), as a Sentry
    /// transaction named after the operation when `sentry_traces_sample_rate` samples it.
    pub async fn run<F: Future>(&self, fut: F) -> F::Output {
        let Some(hub) = &self.hub else {
            return fut.await;
        };
        let name = self
            .tags
            .iter()
            .find(|(k, _)| *k == "operation")
            .map_or("graphql", |(_, v)| v.as_str());
        let transaction = hub.start_transaction(sentry::TransactionContext::new(name, "graphql.request"));
        for (k, v) in &self.tags {
            transaction.set_tag(k, v);
        }
        hub.configure_scope(|scope| scope.set_span(Some(transaction.clone().into())));
        let out = fut.bind_hub(hub.clone()).await;
        transaction.finish();
        out
    }

    /// Sends a 5xx-class failure outside GraphQL execution (commit failed, database down).
    pub fn capture(&self, kind: &str, detail: &str) {
        if let Some(hub) = &self.hub {
            hub.capture_event(event(kind, detail));
        }
    }

    /// Sends each INTERNAL_SERVER_ERROR of the response, with its cause when it has one.
    pub fn report(&self, resp: &BatchResponse) {
        if self.hub.is_none() {
            return;
        }
        match resp {
            BatchResponse::Single(r) => self.report_one(r),
            BatchResponse::Batch(rs) => rs.iter().for_each(|r| self.report_one(r)),
        }
    }

    fn report_one(&self, resp: &Response) {
        for err in &resp.errors {
            let code = err.extensions.as_ref().and_then(|e| e.get("code"));
            if !matches!(code, Some(Value::String(c)) if c == "INTERNAL_SERVER_ERROR") {
                continue;
            }
            let cause = err
                .source::<InternalCause>()
                .map_or(err.message.as_str(), |c| c.0.as_str());
            let path = err
                .path
                .iter()
                .map(|p| match p {
                    async_graphql::PathSegment::Field(f) => f.clone(),
                    async_graphql::PathSegment::Index(i) => i.to_string(),
                })
                .collect::<Vec<_>>()
                .join(".");
            let mut e = event("INTERNAL_SERVER_ERROR", cause);
            if !path.is_empty() {
                e.tags.insert("path".into(), path);
            }
            if let Some(hub) = &self.hub {
                hub.capture_event(e);
            }
        }
    }
}

fn event(kind: &str, detail: &str) -> Event<'static> {
    let mut e = Event {
        level: Level::Error,
        message: Some(format!("{kind}: {detail}")),
        ..Default::default()
    };
    e.exception.values.push(Exception {
        ty: kind.to_owned(),
        value: Some(detail.to_owned()),
        ..Default::default()
    });
    e
}

#[cfg(test)]
mod tests;
