//! GraphQL operation meter: `reos_graphql_operations_total` and
//! `reos_graphql_operation_duration_seconds` by operation name and outcome (`ok`, or the first
//! error's code). Cost probes (`graphql::cost`) are not counted. Operation names come from
//! clients, so at most [`MAX_NAMES`] distinct ones become labels; the rest count as `other`.
use crate::graphql::cost::is_probe;
use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest, NextRequest,
};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument};
use async_graphql::{Request, Response, ServerResult, Value, Variables};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Instant;

/// Distinct operation names kept as label values.
pub const MAX_NAMES: usize = 200;

/// Error codes kept as outcome labels; anything else is `OTHER`.
const CODES: &[&str] = &[
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "CONFLICT",
    "RATE_LIMITED",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "INTERNAL_SERVER_ERROR",
];

static NAMES: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(|| Mutex::new(HashSet::new()));

/// The label for a client-chosen operation name.
fn name_label(name: Option<&str>) -> String {
    let Some(name) = name else { return "anonymous".into() };
    if name.is_empty() || name.len() > 64 || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return "invalid".into();
    }
    let mut names = NAMES.lock().unwrap_or_else(|p| p.into_inner());
    if names.contains(name) || names.len() < MAX_NAMES && names.insert(name.to_owned()) {
        name.to_owned()
    } else {
        "other".into()
    }
}

fn outcome(resp: &Response) -> &'static str {
    let Some(err) = resp.errors.first() else { return "ok" };
    match err.extensions.as_ref().and_then(|e| e.get("code")) {
        Some(Value::String(code)) => CODES.iter().find(|c| **c == code).copied().unwrap_or("OTHER"),
        // Errors of async-graphql's own that reach here without a code (the guard and the work
        // limit code theirs) are request errors.
        _ => "GRAPHQL_VALIDATION_FAILED",
    }
}

/// Counts one operation named `name` that started at `started` and answered `resp` (for
/// operations run without this extension: see `http::graphql`).
pub fn record(name: Option<&str>, resp: &Response, started: Instant) {
    let Some(m) = crate::telemetry::metrics::get() else {
        return;
    };
    let labels = [name_label(name), outcome(resp).to_owned()];
    let labels = [labels[0].as_str(), labels[1].as_str()];
    m.graphql_operations.with_label_values(&labels).inc();
    m.graphql_duration
        .with_label_values(&labels)
        .observe(started.elapsed().as_secs_f64());
}

/// The name an operation is counted under: the request's `operationName`, or else the name of
/// the document's one named operation.
pub fn operation_name(request: &mut Request) -> Option<String> {
    if let Some(name) = &request.operation_name {
        return Some(name.clone());
    }
    match &request.parsed_query().ok()?.operations {
        DocumentOperations::Multiple(ops) if ops.len() == 1 => ops.keys().next().map(|n| n.to_string()),
        _ => None,
    }
}

/// Extension factory; registered on the schema.
pub struct OperationMetrics;

impl ExtensionFactory for OperationMetrics {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Meter::default())
    }
}

/// One request's meter (extensions are created per request).
#[derive(Default)]
struct Meter {
    probe: AtomicBool,
    name: Mutex<Option<String>>,
}

impl Meter {
    fn set_name(&self, name: Option<&str>) {
        let mut slot = self.name.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = name.map(str::to_owned);
        }
    }
}

#[async_trait::async_trait]
impl Extension for Meter {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let started = Instant::now();
        let resp = next.run(ctx).await;
        if !self.probe.load(Ordering::Relaxed) {
            let name = self.name.lock().unwrap_or_else(|p| p.into_inner()).clone();
            record(name.as_deref(), &resp, started);
        }
        resp
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        self.set_name(request.operation_name.as_deref());
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        self.probe.store(is_probe(ctx), Ordering::Relaxed);
        let doc = next.run(ctx, query, variables).await?;
        // Without an explicit operationName, a document of one named operation is that operation.
        if let DocumentOperations::Multiple(ops) = &doc.operations
            && ops.len() == 1
        {
            self.set_name(ops.keys().next().map(|n| n.as_str()));
        }
        Ok(doc)
    }
}

#[cfg(test)]
mod tests;
