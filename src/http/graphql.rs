//! POST /graphql (single or batched operations), GET /graphql?query=… (queries) and GET /graphql (GraphiQL).
use super::graphql_body::GraphQLBody;
use super::response_cache::{Key, ResponseCache, Ticket};
use super::state::AppState;
use crate::graphql::RequestCtx;
use crate::graphql::loaders::loaders;
use crate::persistence::{TenantId, TenantTx};
use actix_web::http::header::{AUTHORIZATION, HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::http::GraphiQLSource;
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, BatchResponse, Request, Response, Value};
use std::sync::Arc;

/// A GraphQL-shaped error response outside execution (auth, batch size).
fn error_response(
    status: actix_web::http::StatusCode,
    code: &str,
    reason: Option<&str>,
    message: &str,
) -> HttpResponse {
    let mut ext = serde_json::json!({ "code": code });
    if let Some(r) = reason {
        ext["reason"] = r.into();
    }
    let mut res = HttpResponse::build(status);
    if status == actix_web::http::StatusCode::UNAUTHORIZED {
        res.insert_header(("WWW-Authenticate", "Bearer"));
    }
    res.json(serde_json::json!({ "errors": [{ "message": message, "extensions": ext }] }))
}

/// Gives every error a stable code: complexity/depth refusals become QUERY_TOO_COMPLEX and
/// internal errors carry the request id.
fn finish_errors(resp: &mut Response, request_id: &str) {
    for err in &mut resp.errors {
        let code = err.extensions.as_ref().and_then(|e| e.get("code").cloned());
        let too_complex =
            err.message.starts_with("Query is too complex") || err.message.starts_with("Query is nested too deep");
        let ext = err.extensions.get_or_insert_with(Default::default);
        match code {
            None if too_complex => ext.set("code", "QUERY_TOO_COMPLEX"),
            Some(Value::String(c)) if c == "INTERNAL_SERVER_ERROR" => ext.set("requestId", request_id),
            _ => {}
        }
    }
}

fn with_ctx(req: Request, ctx: &RequestCtx) -> Request {
    req.data(ctx.clone()).data(loaders(ctx.tx.clone()))
}

#[tracing::instrument(skip_all, fields(request_id, tenant, cost))]
pub async fn execute(state: web::Data<AppState>, http: HttpRequest, body: GraphQLBody) -> HttpResponse {
    use actix_web::http::StatusCode;
    let request_id = crate::telemetry::request_id(&http);
    tracing::Span::current().record("request_id", request_id.as_str());
    let mut body = body;
    let meter = match super::rate_limit::before_auth(&state, &http, &mut body.0).await {
        Ok(m) => m,
        Err(refused) => return *refused,
    };
    let header = http.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    let principal = match state.tokens.verify(&state.verifier, header).await {
        Ok(p) => p,
        Err(e) => {
            tracing::info!(reason = e.code(), "token refused");
            return error_response(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                Some(e.code()),
                &e.to_string(),
            );
        }
    };
    let Some(role) = principal.highest_role() else {
        return error_response(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            None,
            "the token carries no reos role",
        );
    };
    let tenant = match state.tenant(&principal.tenant).await {
        Ok(Some(t)) => t,
        Ok(None) => {
            return error_response(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                Some("UNKNOWN_TENANT"),
                "unknown tenant",
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "tenant lookup failed");
            crate::sentry_setup::RequestScope::anonymous(&request_id).capture("DATABASE_UNAVAILABLE", &e.to_string());
            return error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "INTERNAL_SERVER_ERROR",
                None,
                "database unavailable",
            );
        }
    };
    tracing::Span::current().record("tenant", tenant.to_string().as_str());
    let batch = body.into_inner();
    if let BatchRequest::Batch(ops) = &batch {
        let max = state.settings.graphql.max_batch;
        if ops.len() > max || ops.is_empty() {
            let msg = format!("a batch holds 1 to {max} operations");
            return error_response(StatusCode::BAD_REQUEST, "QUERY_TOO_COMPLEX", None, &msg);
        }
    }
    if let Err(refused) = meter.after_auth(&http, tenant, &principal, role).await {
        return *refused;
    }
    let mut batch = batch;
    let cache = Cached::lookup(&state, tenant, header.unwrap_or_default(), &mut batch);
    if let Cached::Hit(body) = cache {
        return with_request_id(super::negotiation::respond_cached(body, &http, true), &request_id);
    }
    let sentry = crate::sentry_setup::RequestScope::new(&request_id, &tenant.to_string(), role, &batch);
    let outbox = crate::events::Outbox::new(state.events.clone(), tenant);
    let tx = match TenantTx::begin(&state.db.service, tenant).await {
        Ok(tx) => Arc::new(tx),
        Err(e) => {
            tracing::error!(error = %e, "could not open the tenant transaction");
            sentry.capture("DATABASE_UNAVAILABLE", &e.to_string());
            return error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "INTERNAL_SERVER_ERROR",
                None,
                "database unavailable",
            );
        }
    };
    let ctx = RequestCtx {
        principal,
        tx: tx.clone(),
        request_id: request_id.clone(),
        role,
    };
    let batch = match batch {
        BatchRequest::Single(r) => BatchRequest::Single(with_ctx(r, &ctx).data(outbox.clone())),
        BatchRequest::Batch(rs) => {
            BatchRequest::Batch(rs.into_iter().map(|r| with_ctx(r, &ctx).data(outbox.clone())).collect())
        }
    };
    drop(ctx);
    let mut resp = sentry.run(state.schema.execute_batch(batch)).await;
    let ok = match &mut resp {
        BatchResponse::Single(r) => {
            finish_errors(r, &request_id);
            r.is_ok()
        }
        BatchResponse::Batch(rs) => rs.iter_mut().fold(true, |ok, r| {
            finish_errors(r, &request_id);
            ok && r.is_ok()
        }),
    };
    sentry.report(&resp);
    // Nothing outlives execution but this handle; if something did, dropping the last handle rolls back.
    match Arc::try_unwrap(tx) {
        Ok(tx) if ok => {
            if let Err(e) = tx.commit().await {
                tracing::error!(error = %e, "commit failed");
                sentry.capture("COMMIT_FAILED", &e.to_string());
                outbox.rolled_back();
                return error_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "INTERNAL_SERVER_ERROR",
                    None,
                    "commit failed",
                );
            }
            outbox.committed();
            if let Some(c) = &state.responses
                && !matches!(cache, Cached::Miss(..))
            {
                // Not a plain query: it may have written. This server's next read must see it,
                // before the database's notification arrives.
                c.changed(Some(tenant.0));
            }
        }
        Ok(tx) => {
            outbox.rolled_back();
            if let Err(e) = tx.rollback().await {
                tracing::warn!(error = %e, "rollback failed");
            }
        }
        Err(_) => {
            outbox.rolled_back();
            tracing::error!("tenant transaction still shared after execution; rolled back")
        }
    }
    if let (Cached::Miss(c, key, ticket), BatchResponse::Single(r)) = (cache, &resp)
        && let Some(body) = super::negotiation::cacheable_body(r)
    {
        c.put(key, ticket, body.clone());
        return with_request_id(super::negotiation::respond_cached(body, &http, false), &request_id);
    }
    with_request_id(super::negotiation::respond(resp, &http), &request_id)
}

fn with_request_id(mut resp: HttpResponse, request_id: &str) -> HttpResponse {
    if let Ok(v) = HeaderValue::from_str(request_id) {
        resp.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
    }
    resp
}

/// Where a request stands with the response cache.
enum Cached {
    /// Served from the cache.
    Hit(actix_web::web::Bytes),
    /// A single query the cache may keep once computed under this ticket.
    Miss(Arc<ResponseCache>, Key, Ticket),
    /// Not cacheable (no cache, a batch, not a query, the notification feed down).
    Bypass,
}

impl Cached {
    fn lookup(state: &AppState, tenant: TenantId, credentials: &str, batch: &mut BatchRequest) -> Self {
        let (Some(cache), BatchRequest::Single(request)) = (&state.responses, batch) else {
            return Cached::Bypass;
        };
        let Some((key, ticket)) = ResponseCache::key(tenant, credentials, request).zip(cache.ticket(tenant)) else {
            return Cached::Bypass;
        };
        let metric = |result: &str| {
            if let Some(m) = crate::telemetry::metrics::get() {
                m.response_cache.with_label_values(&[result]).inc();
            }
        };
        // Only queries are ever stored, so a hit needs no parsing.
        if let Some(body) = cache.get(&key, ticket) {
            metric("hit");
            return Cached::Hit(body);
        }
        if operation_type(request) != Some(OperationType::Query) {
            return Cached::Bypass;
        }
        metric("miss");
        Cached::Miss(cache.clone(), key, ticket)
    }
}

/// The type of the operation a request runs (parsing it, once: the request keeps the document).
fn operation_type(request: &mut Request) -> Option<OperationType> {
    let name = request.operation_name.clone();
    match (&request.parsed_query().ok()?.operations, name) {
        (DocumentOperations::Single(op), _) => Some(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(n)) => ops.get(n.as_str()).map(|op| op.node.ty),
        (DocumentOperations::Multiple(_), None) => None,
    }
}

/// GraphiQL, pre-filled with the development token when development auth is on.
pub async fn graphiql(state: web::Data<AppState>) -> HttpResponse {
    let auth = state.graphiql_token.as_ref().map(|t| format!("Bearer {t}"));
    let mut source = GraphiQLSource::build()
        .endpoint("/graphql")
        .subscription_endpoint("/graphql")
        .title("reos");
    if let Some(a) = auth.as_deref() {
        source = source
            .header("Authorization", a)
            .ws_connection_param("Authorization", a);
    }
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(source.finish())
}
