//! POST /graphql (single or batched operations) and GET /graphql?query=… (queries): admission
//! (upload permission, body, guard, work cap, budgets), then execution in the tenant transaction.
//! GraphiQL is in graphiql.rs.
use super::authn::Authenticated;
use super::error_body::{HttpError, error_response, with_request_id};
use super::graphql_body::Incoming;
use super::response_cache::{Key, ResponseCache, Ticket};
use super::state::AppState;
use crate::auth::Role;
use crate::graphql::RequestCtx;
use crate::graphql::loaders::loaders;
use crate::persistence::tenancy::Access;
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
            Err(r) => refusals.push(Some(r.into_server_error())),
        }
    }
    refuse_batch(http, batch, refusals, "QUERY_TOO_COMPLEX")
}

/// Puts the text back into operations sent as a persisted query's hash; the texts to keep once
/// the guard has accepted them. A refusal is the response to send.
async fn persisted(
    state: &AppState,
    http: &HttpRequest,
    batch: &mut BatchRequest,
) -> Result<Vec<crate::graphql::persisted::Registration>, Box<HttpResponse>> {
    let mut keep = Vec::new();
    let mut refusals = Vec::new();
    for request in batch.iter_mut() {
        match state.persisted.resolve(request).await {
            Ok(registration) => {
                keep.extend(registration);
                refusals.push(None);
            }
            Err(e) => refusals.push(Some(e)),
        }
    }
    refuse_batch(http, batch, refusals, "BAD_USER_INPUT")?;
    Ok(keep)
}

/// Nothing when no operation was refused; otherwise the response: a batch answers each
/// operation, refused ones with their error and the others as not run (with `code`), since a
/// batch succeeds or fails as one.
fn refuse_batch(
    http: &HttpRequest,
    batch: &BatchRequest,
    refusals: Vec<Option<async_graphql::ServerError>>,
    code: &str,
) -> Result<(), Box<HttpResponse>> {
    if refusals.iter().all(Option::is_none) {
        return Ok(());
    }
    let responses: Vec<Response> = refusals
        .into_iter()
        .map(|r| {
            let err = r.unwrap_or_else(|| {
                crate::graphql::limits::coded(
                    async_graphql::ServerError::new("not run: another operation of the batch was refused", None),
                    code,
                )
            });
            Response::from_errors(vec![err])
        })
        .collect();
    let resp = match batch {
        BatchRequest::Single(_) => BatchResponse::Single(responses.into_iter().next().unwrap_or_default()),
        BatchRequest::Batch(_) => BatchResponse::Batch(responses),
    };
    Err(Box::new(super::negotiation::respond(resp, http)))
}

/// A request let through to execution: its operations, its share of the upload budget (held
/// until the response is made) and where it stands with the response cache.
struct Admitted {
    batch: BatchRequest,
    _upload_permit: Option<tokio::sync::OwnedSemaphorePermit>,
    deadline: Duration,
    /// Every operation passed the probe: run on the lean schema.
    lean: bool,
}

/// POST /graphql and GET /graphql?query=…: the edge middleware ([`super::rate_limit::pre_auth`])
/// has checked method, content type and the IP's constant; [`Authenticated`] the token.
#[tracing::instrument(skip_all, fields(request_id, tenant, cost))]
pub async fn execute(
    state: web::Data<AppState>,
    http: HttpRequest,
    who: Authenticated,
    payload: web::Payload,
) -> HttpResponse {
    let request_id = super::request_id::request_id(&http);
    tracing::Span::current().record("request_id", request_id.as_str());
    tracing::Span::current().record("tenant", who.tenant.to_string().as_str());
    let mut res = match admit(&state, &http, &who, payload.into_inner(), &request_id).await {
        Ok(admitted) => run(&state, &http, who, admitted, &request_id).await,
        Err(res) => *res,
    };
    with_request_id(&mut res, &request_id);
    res
}

/// Everything before execution, in order: upload permission, the body under the deadline, the
/// batch size, the document guard, the work cap and the budgets.
async fn admit(
    state: &AppState,
    http: &HttpRequest,
    who: &Authenticated,
    payload: actix_web::dev::Payload,
    request_id: &str,
) -> Result<Admitted, Box<HttpResponse>> {
    let (incoming, meter) = super::rate_limit::edge(http).await?;
    let deadline = Duration::from_secs(state.settings.graphql.request_timeout_secs);
    let refuse = |e: HttpError| Box::new(e.render(Some(request_id)));
    // Uploads: only roles that may upload (every mutation taking a file needs operator), and
    // they hold their share of the in-flight budget until the response is made.
    let upload_permit = match incoming {
        Incoming::Multipart if !who.role.at_least(Role::Operator) => {
            let e = HttpError::new(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                "uploads require the operator role or higher",
            );
            return Err(refuse(e.ext("reason", "UPLOAD_NOT_ALLOWED")));
        }
        Incoming::Multipart => Some(state.reserve_upload(http).await.map_err(Box::new)?),
        _ => None,
    };
    let mut batch = match tokio::time::timeout(deadline, incoming.read(http, payload)).await {
        Ok(Ok(b)) => b,
        Ok(Err(rejection)) => return Err(Box::new(actix_web::ResponseError::error_response(&rejection))),
        Err(_) => return Err(Box::new(timed_out(deadline, request_id))),
    };
    if let BatchRequest::Batch(ops) = &batch {
        let max = state.settings.graphql.max_batch;
        if ops.len() > max || ops.is_empty() {
            let msg = format!("a batch holds 1 to {max} operations");
            return Err(refuse(HttpError::new(
                StatusCode::BAD_REQUEST,
                "QUERY_TOO_COMPLEX",
                msg,
            )));
        }
    }
    let registrations = persisted(state, http, &mut batch).await?;
    guard(state, http, &mut batch)?;
    for r in registrations {
        state.persisted.register(r).await;
    }
    // Every operation goes through the checking schema's probe (or is known to pass it): its
    // cost, and whether it may run on the lean schema. The work of the whole request is held
    // against the role's cap, then against the budgets. An operation that failed the probe runs
    // on the checking schema, whose validation answers with the errors (and the role's cap).
    let checked = state.checks.check(&state.schema, &mut batch).await;
    let metered = meter.metered() || matches!(batch, BatchRequest::Batch(_));
    if checked.passed || metered {
        let work = usize::try_from(checked.cost).unwrap_or(usize::MAX);
        if let Err(e) = state.work.check(Some(who.role), work) {
            let resp = BatchResponse::Single(Response::from_errors(vec![e]));
            return Err(Box::new(super::negotiation::respond(resp, http)));
        }
    }
    if metered {
        meter.after_auth(http, who, checked.cost).await?;
    }
    Ok(Admitted {
        batch,
        _upload_permit: upload_permit,
        deadline,
        lean: checked.passed,
    })
}

/// Answers from the response cache, or executes in the tenant's transaction (committed when
/// every operation succeeded) and keeps a cacheable answer.
async fn run(
    state: &AppState,
    http: &HttpRequest,
    who: Authenticated,
    admitted: Admitted,
    request_id: &str,
) -> HttpResponse {
    let Admitted {
        mut batch,
        deadline,
        lean,
        ..
    } = admitted;
    let header = http.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    let tenant = who.tenant;
    let cache = Cached::lookup(state, tenant, header.unwrap_or_default(), &mut batch);
    if let Cached::Hit(body) = cache {
        return successful(state, http, super::negotiation::respond_cached(body, http, true));
    }
    let sentry = crate::http::sentry::RequestScope::new(request_id, &tenant.to_string(), who.role, &batch);
    // A request of queries only runs in a read-only transaction (PostgreSQL refuses writes in
    // it, and its end costs no round trip of its own).
    let access = if batch
        .iter_mut()
        .all(|r| operation_type(r) == Some(OperationType::Query))
    {
        Access::ReadOnly
    } else {
        Access::ReadWrite
    };
    let tx = match RequestTx::begin(state, tenant, access).await {
        Ok(tx) => tx,
        Err(e) => {
            tracing::error!(error = %e, "could not open the tenant transaction");
            sentry.capture("DATABASE_UNAVAILABLE", &e.to_string());
            return unavailable(request_id);
        }
    };
    // The lean schema has no metrics extension: its operations are counted here.
    let names: Vec<Option<String>> = match lean {
        true => batch.iter_mut().map(crate::graphql::metrics::operation_name).collect(),
        false => Vec::new(),
    };
    let schema = if lean { &state.lean } else { &state.schema };
    let started = std::time::Instant::now();
    let batch = tx.attach(batch, who, request_id, state);
    let Ok(mut resp) = tokio::time::timeout(deadline, sentry.run(schema.execute_batch(batch))).await else {
        // The execution future is dropped: its blocking work is told to stop, and the
        // transaction rolls back.
        tx.abandon();
        return timed_out(deadline, request_id);
    };
    let ok = finish_batch(&mut resp, request_id);
    if !ok && let Some(e) = tx.tx.open_failed() {
        tracing::error!(error = %e, "could not open the tenant transaction");
        sentry.capture("DATABASE_UNAVAILABLE", &e);
        tx.abandon();
        return unavailable(request_id);
    }
    let responses: Vec<&Response> = match &resp {
        BatchResponse::Single(r) => vec![r],
        BatchResponse::Batch(rs) => rs.iter().collect(),
    };
    for (name, r) in names.iter().zip(responses) {
        crate::graphql::metrics::record(name.as_deref(), r, started);
    }
    sentry.report(&resp);
    if let Err(e) = tx.finish(ok).await {
        sentry.capture("COMMIT_FAILED", &e.to_string());
        let msg = "commit failed";
        return error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            None,
            msg,
            request_id,
        );
    }
    if ok
        && let Some(c) = &state.responses
        && !matches!(cache, Cached::Miss(..))
    {
        // Not a plain query: it may have written. This server's next read must see it,
        // before the database's notification arrives.
        c.changed(Some(tenant.uuid()));
    }
    if let (Cached::Miss(c, key, ticket), BatchResponse::Single(r)) = (cache, &resp)
        && let Some(body) = super::negotiation::cacheable_body(r)
    {
        c.put(key, ticket, body.clone());
        return successful(state, http, super::negotiation::respond_cached(body, http, false));
    }
    let res = super::negotiation::respond(resp, http);
    if ok { successful(state, http, res) } else { res }
}

/// A response whose every operation succeeded: over GET (queries only), it may be kept as
/// `http_cache_control` says; anything else stays `private, no-store` (`super::cache_headers`).
fn successful(state: &AppState, http: &HttpRequest, mut res: HttpResponse) -> HttpResponse {
    if http.method() == actix_web::http::Method::GET
        && let Ok(v) = actix_web::http::header::HeaderValue::from_str(&state.settings.web.http_cache_control)
    {
        res.headers_mut().insert(actix_web::http::header::CACHE_CONTROL, v);
    }
    res
}

/// Finishes every response's errors; whether all operations succeeded.
fn finish_batch(resp: &mut BatchResponse, request_id: &str) -> bool {
    match resp {
        BatchResponse::Single(r) => {
            finish_errors(r, request_id);
            r.is_ok()
        }
        BatchResponse::Batch(rs) => rs.iter_mut().fold(true, |ok, r| {
            finish_errors(r, request_id);
            ok && r.is_ok()
        }),
    }
}

/// The request's tenant transaction and its events: committed when the operations succeeded,
/// rolled back otherwise (and when dropped unfinished); events are published only after a
/// commit.
struct RequestTx {
    tx: Arc<TenantTx>,
    outbox: crate::events::Outbox,
}

impl RequestTx {
    async fn begin(state: &AppState, tenant: TenantId, access: Access) -> Result<Self, sea_orm::DbErr> {
        Ok(Self {
            tx: Arc::new(match access {
                Access::ReadOnly => TenantTx::begin_read(&state.db, tenant).await?,
                Access::ReadWrite => TenantTx::begin(&state.db.service, tenant).await?,
            }),
            outbox: crate::events::Outbox::new(state.events.clone(), tenant),
        })
    }

    /// Gives every operation the request's context, loaders and event outbox.
    fn attach(&self, batch: BatchRequest, who: Authenticated, request_id: &str, state: &AppState) -> BatchRequest {
        let ctx = RequestCtx {
            principal: who.principal,
            tx: self.tx.clone(),
            request_id: request_id.to_owned(),
            role: who.role,
        };
        let with = |r: Request| {
            r.data(ctx.clone())
                .data(loaders(ctx.tx.clone()))
                .data(state.users.clone())
                .data(self.outbox.clone())
        };
        match batch {
            BatchRequest::Single(r) => BatchRequest::Single(with(r)),
            BatchRequest::Batch(rs) => BatchRequest::Batch(rs.into_iter().map(with).collect()),
        }
    }

    /// The request was cancelled: nothing it wrote is kept or announced.
    fn abandon(self) {
        self.outbox.rolled_back();
    }

    /// Commits when `ok`, otherwise rolls back; the error of a failed commit.
    async fn finish(self, ok: bool) -> Result<(), sea_orm::DbErr> {
        // Nothing outlives execution but this handle; if something did, dropping it rolls back.
        let Ok(tx) = Arc::try_unwrap(self.tx) else {
            self.outbox.rolled_back();
            tracing::error!("tenant transaction still shared after execution; rolled back");
            return Ok(());
        };
        if !ok {
            self.outbox.rolled_back();
            if let Err(e) = tx.rollback().await {
                tracing::warn!(error = %e, "rollback failed");
            }
            return Ok(());
        }
        match tx.commit().await {
            Ok(()) => {
                self.outbox.committed();
                Ok(())
            }
            Err(e) => {
                tracing::error!(error = %e, "commit failed");
                self.outbox.rolled_back();
                Err(e)
            }
        }
    }
}

fn timed_out(deadline: Duration, request_id: &str) -> HttpResponse {
    tracing::warn!(seconds = deadline.as_secs(), "request timed out and was cancelled");
    let msg = format!("the request ran longer than {} s and was cancelled", deadline.as_secs());
    HttpError::new(StatusCode::SERVICE_UNAVAILABLE, "TIMEOUT", msg).render(Some(request_id))
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
