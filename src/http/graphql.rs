//! POST /graphql (single or batched operations) and GET /graphql?query=… (queries); GraphiQL is in graphiql.rs.
use super::authn::{Authenticated, Refused, authenticate, error_response};
use super::graphql_body::Incoming;
use super::response_cache::{Key, ResponseCache, Ticket};
use super::state::AppState;
use crate::auth::Role;
use crate::graphql::RequestCtx;
use crate::graphql::loaders::loaders;
use crate::persistence::{TenantId, TenantTx};
use actix_web::http::StatusCode;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, BatchResponse, Request, Response, Value};
use std::sync::Arc;
use std::time::Duration;

/// Gives internal errors the request id (every other error carries its code from where it was
/// made: resolvers, the document guard, the work limit, validation).
fn finish_errors(resp: &mut Response, request_id: &str) {
    for err in &mut resp.errors {
        let code = err.extensions.as_ref().and_then(|e| e.get("code").cloned());
        let ext = err.extensions.get_or_insert_with(Default::default);
        match code {
            Some(Value::String(c)) if c == "INTERNAL_SERVER_ERROR" => ext.set("requestId", request_id),
            Some(_) => {}
            // async-graphql's own request errors (variable coercion and the like) have no path;
            // a field error without a code keeps none rather than being mislabelled.
            None if err.path.is_empty() => ext.set("code", "GRAPHQL_VALIDATION_FAILED"),
            None => {}
        }
    }
}

fn with_ctx(req: Request, ctx: &RequestCtx, state: &AppState) -> Request {
    req.data(ctx.clone())
        .data(loaders(ctx.tx.clone()))
        .data(state.users.clone())
}

/// Runs every operation of the batch through the document guard (and, over GET, refuses what is
/// not a query). The refusal is the response to send.
fn guard(state: &AppState, http: &HttpRequest, batch: &mut BatchRequest) -> Result<(), Box<HttpResponse>> {
    let get = http.method() == actix_web::http::Method::GET;
    let mut refusals = Vec::new();
    for request in batch.iter_mut() {
        match crate::graphql::limits::prepare(&state.limits, request) {
            Ok(_) if get => {
                if let Err(e) = super::graphql_body::get_allows(request) {
                    let media = super::negotiation::MediaType::negotiate(http.headers());
                    return Err(Box::new(actix_web::ResponseError::error_response(
                        &super::request_error::Rejection::new(e, media),
                    )));
                }
                refusals.push(None);
            }
            Ok(_) => refusals.push(None),
            Err(r) => refusals.push(Some(r)),
        }
    }
    if refusals.iter().all(Option::is_none) {
        return Ok(());
    }
    // A batch answers each operation: refused ones with their error, the others are not run
    // either (a batch succeeds or fails as one).
    let responses: Vec<Response> = refusals
        .into_iter()
        .map(|r| {
            let err = r.map_or_else(
                || {
                    crate::graphql::limits::coded(
                        async_graphql::ServerError::new("not run: another operation of the batch was refused", None),
                        "QUERY_TOO_COMPLEX",
                    )
                },
                crate::graphql::limits::Refusal::into_server_error,
            );
            Response::from_errors(vec![err])
        })
        .collect();
    let resp = match batch {
        BatchRequest::Single(_) => BatchResponse::Single(responses.into_iter().next().unwrap_or_default()),
        BatchRequest::Batch(_) => BatchResponse::Batch(responses),
    };
    Err(Box::new(super::negotiation::respond(resp, http)))
}

#[tracing::instrument(skip_all, fields(request_id, tenant, cost))]
pub async fn execute(state: web::Data<AppState>, http: HttpRequest, payload: web::Payload) -> HttpResponse {
    let request_id = crate::telemetry::request_id(&http);
    tracing::Span::current().record("request_id", request_id.as_str());
    let reply = |res: HttpResponse| with_request_id(res, &request_id);
    // Headers only (method, content type), then the IP's constant, then the token: nothing of the
    // body is read and nothing parsed before the caller is known.
    let incoming = match Incoming::from_headers(&http) {
        Ok(i) => i,
        Err(rejection) => return reply(actix_web::ResponseError::error_response(&rejection)),
    };
    let meter = match super::rate_limit::before_auth(&http).await {
        Ok(m) => m,
        Err(refused) => return reply(*refused),
    };
    let header = http.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    let who = match authenticate(&state, header).await {
        Ok(who) => who,
        Err(refused) => {
            if let Refused::Unavailable(e) = &refused {
                crate::sentry_setup::RequestScope::anonymous(&request_id).capture("DATABASE_UNAVAILABLE", e);
            }
            return refused.response(&request_id);
        }
    };
    let tenant = who.tenant;
    tracing::Span::current().record("tenant", tenant.to_string().as_str());
    let deadline = Duration::from_secs(state.settings.graphql.request_timeout_secs);
    // Uploads: only roles that may upload (every mutation taking a file needs operator), and
    // they hold their share of the in-flight budget until the response is made.
    let _upload_permit = match incoming {
        Incoming::Multipart if !who.role.at_least(Role::Operator) => {
            let msg = "uploads require the operator role or higher";
            return error_response(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                Some("UPLOAD_NOT_ALLOWED"),
                msg,
                &request_id,
            );
        }
        Incoming::Multipart => match state.reserve_upload(&http).await {
            Ok(p) => Some(p),
            Err(res) => return reply(res),
        },
        _ => None,
    };
    let mut batch = match tokio::time::timeout(deadline, incoming.read(&http, payload.into_inner())).await {
        Ok(Ok(b)) => b,
        Ok(Err(rejection)) => return reply(actix_web::ResponseError::error_response(&rejection)),
        Err(_) => return timed_out(deadline, &request_id),
    };
    if let BatchRequest::Batch(ops) = &batch {
        let max = state.settings.graphql.max_batch;
        if ops.len() > max || ops.is_empty() {
            let msg = format!("a batch holds 1 to {max} operations");
            return error_response(StatusCode::BAD_REQUEST, "QUERY_TOO_COMPLEX", None, &msg, &request_id);
        }
    }
    if let Err(res) = guard(&state, &http, &mut batch) {
        return reply(*res);
    }
    // The work of the whole request against the role's cap (each operation is also checked on
    // its own during validation), then against the budgets. A single operation needs no probe
    // when nothing is metered: its validation checks the same cap.
    if meter.metered() || matches!(batch, BatchRequest::Batch(_)) {
        let cost = crate::ratelimit::cost::request_cost(&state.schema, &mut batch).await;
        if let Err(e) = state
            .work
            .check(Some(who.role), usize::try_from(cost).unwrap_or(usize::MAX))
        {
            let resp = BatchResponse::Single(Response::from_errors(vec![e]));
            return reply(super::negotiation::respond(resp, &http));
        }
        if let Err(refused) = meter.after_auth(&http, &who, cost).await {
            return reply(*refused);
        }
    }
    let cache = Cached::lookup(&state, tenant, header.unwrap_or_default(), &mut batch);
    if let Cached::Hit(body) = cache {
        return reply(super::negotiation::respond_cached(body, &http, true));
    }
    let Authenticated { principal, role, .. } = who;
    let sentry = crate::sentry_setup::RequestScope::new(&request_id, &tenant.to_string(), role, &batch);
    let outbox = crate::events::Outbox::new(state.events.clone(), tenant);
    let tx = match TenantTx::begin(&state.db.service, tenant).await {
        Ok(tx) => Arc::new(tx),
        Err(e) => {
            tracing::error!(error = %e, "could not open the tenant transaction");
            sentry.capture("DATABASE_UNAVAILABLE", &e.to_string());
            return unavailable(&request_id);
        }
    };
    let ctx = RequestCtx {
        principal,
        tx: tx.clone(),
        request_id: request_id.clone(),
        role,
    };
    let batch = match batch {
        BatchRequest::Single(r) => BatchRequest::Single(with_ctx(r, &ctx, &state).data(outbox.clone())),
        BatchRequest::Batch(rs) => BatchRequest::Batch(
            rs.into_iter()
                .map(|r| with_ctx(r, &ctx, &state).data(outbox.clone()))
                .collect(),
        ),
    };
    drop(ctx);
    let Ok(mut resp) = tokio::time::timeout(deadline, sentry.run(state.schema.execute_batch(batch))).await else {
        // The execution future is dropped: its blocking work is told to stop, and the
        // transaction (its last handle dropped below) rolls back.
        outbox.rolled_back();
        return timed_out(deadline, &request_id);
    };
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
                    &request_id,
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
        return reply(super::negotiation::respond_cached(body, &http, false));
    }
    reply(super::negotiation::respond(resp, &http))
}

fn timed_out(deadline: Duration, request_id: &str) -> HttpResponse {
    tracing::warn!(seconds = deadline.as_secs(), "request timed out and was cancelled");
    let msg = format!("the request ran longer than {} s and was cancelled", deadline.as_secs());
    error_response(StatusCode::SERVICE_UNAVAILABLE, "TIMEOUT", None, &msg, request_id)
}

fn unavailable(request_id: &str) -> HttpResponse {
    error_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "INTERNAL_SERVER_ERROR",
        Some("DATABASE_UNAVAILABLE"),
        "database unavailable",
        request_id,
    )
}

fn with_request_id(mut resp: HttpResponse, request_id: &str) -> HttpResponse {
    super::authn::with_request_id(&mut resp, request_id);
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
