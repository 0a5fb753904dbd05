//! The rate limit at the HTTP edge. `before_auth` spends a constant from the client IP's budget
//! before the token is verified (nothing else of the request is read by then);
//! `Meter::after_auth` prices the request (the summed work of its operations, found without
//! running them) and spends it from the IP's, the tenant's and the user's budgets.
//! A refusal is HTTP 429 with `Retry-After` and `RATE_LIMITED`; nothing has run. The
//! [`headers`] middleware puts `X-RateLimit-*` on the response, whatever answered it.
use super::authn::Authenticated;
use super::error_body::HttpError;
use super::graphql_body::Incoming;
use crate::ratelimit::{Check, Decision, Outcome, RateLimiter};
use crate::telemetry::metrics;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue, RETRY_AFTER};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};

/// The decision the response's `X-RateLimit-*` headers report (kept in the request's extensions).
#[derive(Clone, Copy)]
struct Reported(Decision);

/// A priced request on its way through the budgets. A refusal is the boxed response to send.
pub struct Meter {
    limiter: Option<web::Data<RateLimiter>>,
    /// The client address the IP budget is keyed by.
    ip: String,
}

fn secs(ms: u64) -> u64 {
    ms.div_ceil(1_000)
}

/// The client address: the peer's, or (only when `trust_forwarded_for`) the one the proxy's
/// `Forwarded` / `X-Forwarded-For` header names. Used for the IP budget and the request log.
pub fn client_ip(http: &HttpRequest, trust_forwarded: bool) -> String {
    let raw = if trust_forwarded {
        http.connection_info().realip_remote_addr().map(str::to_owned)
    } else {
        http.peer_addr().map(|a| a.ip().to_string())
    };
    let raw = raw.unwrap_or_else(|| "unknown".into());
    // `realip_remote_addr` may carry a port.
    match raw.parse::<std::net::SocketAddr>() {
        Ok(a) => a.ip().to_string(),
        Err(_) => raw,
    }
}

fn refusal(http: &HttpRequest, retry_after: u64, e: HttpError) -> HttpResponse {
    e.header((RETRY_AFTER, retry_after.to_string()))
        .render(Some(&super::request_id::request_id(http)))
}

impl Meter {
    /// Applies an outcome: remembers what to report, or answers the refusal.
    fn apply(&self, http: &HttpRequest, cost: u64, outcome: Option<Outcome>) -> Result<(), Box<HttpResponse>> {
        let decision = match outcome {
            None | Some(Outcome::Unavailable { fail_open: true }) => return Ok(()),
            Some(Outcome::Unavailable { fail_open: false }) => {
                let msg = "the rate limiter is unavailable; try again shortly";
                let e = HttpError::new(StatusCode::SERVICE_UNAVAILABLE, "RATE_LIMITER_UNAVAILABLE", msg);
                return Err(Box::new(refusal(http, 1, e)));
            }
            Some(Outcome::Allowed(d)) => {
                let mut ext = http.extensions_mut();
                let tighter = ext.get::<Reported>().is_none_or(|r| d.remaining < r.0.remaining);
                if tighter {
                    ext.insert(Reported(d));
                }
                return Ok(());
            }
            Some(Outcome::Limited(d)) => d,
        };
        http.extensions_mut().insert(Reported(decision));
        let scope = decision.scope.as_str();
        let retry = secs(decision.retry_after_ms).max(1);
        let limited = |message: String| {
            HttpError::new(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", message)
                .ext("retryAfterSeconds", retry)
                .ext("scope", scope)
        };
        let e = if decision.exceeds_budget {
            limited(format!(
                "this request costs {cost}, more than the whole {scope} budget of {} per minute",
                decision.limit
            ))
            .ext("reason", "COST_EXCEEDS_BUDGET")
        } else {
            limited(format!("rate limit exceeded ({scope} budget); retry after {retry} s"))
        };
        tracing::info!(scope, cost, retry_after_s = retry, "rate limited");
        Err(Box::new(refusal(http, retry, e)))
    }

    async fn spend(&self, http: &HttpRequest, checks: &[Check], cost: u64) -> Result<(), Box<HttpResponse>> {
        let Some(limiter) = &self.limiter else { return Ok(()) };
        let outcome = limiter.check(checks, cost).await;
        self.apply(http, cost, outcome)
    }

    /// Whether the request will be priced (rate limiting is on).
    pub fn metered(&self) -> bool {
        self.limiter.is_some()
    }

    /// Spends the (authenticated, guard-checked, priced) request's cost from the client IP's, the
    /// tenant's and the user's budgets (one atomic decision).
    pub async fn after_auth(
        &self,
        http: &HttpRequest,
        who: &Authenticated,
        cost: u64,
    ) -> Result<(), Box<HttpResponse>> {
        let Some(limiter) = &self.limiter else { return Ok(()) };
        if let Some(m) = metrics::get() {
            m.graphql_cost.inc_by(cost);
        }
        tracing::Span::current().record("cost", cost);
        let [tenant, user] = limiter.principal_checks(who.tenant.uuid(), &who.principal.subject, who.role);
        let checks = [limiter.ip_check(&self.ip), tenant, user];
        self.spend(http, &checks, cost).await
    }
}

/// What an unauthenticated request is charged against its IP budget: a constant, since nothing
/// of it has been read yet.
pub const UNAUTHENTICATED_COST: u64 = 1;

/// Spends a constant from the client IP's budget, before the token is looked at or the body read.
pub async fn before_auth(http: &HttpRequest) -> Result<Meter, Box<HttpResponse>> {
    let limiter = http
        .app_data::<web::Data<RateLimiter>>()
        .filter(|l| l.enabled())
        .cloned();
    let Some(limiter) = limiter else {
        return Ok(Meter {
            limiter: None,
            ip: String::new(),
        });
    };
    let ip = client_ip(http, limiter.settings().trust_forwarded_for);
    let check = limiter.ip_check(&ip);
    let meter = Meter {
        limiter: Some(limiter),
        ip,
    };
    meter.spend(http, &[check], UNAUTHENTICATED_COST).await?;
    Ok(meter)
}

/// Middleware: `X-RateLimit-Limit`, `-Remaining` and `-Reset` (seconds until the budget is full
/// again) from the tightest budget this request was checked against.
pub async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let reported = res.request().extensions().get::<Reported>().copied();
    if let Some(Reported(d)) = reported {
        let h = res.headers_mut();
        for (name, value) in [
            ("x-ratelimit-limit", d.limit),
            ("x-ratelimit-remaining", d.remaining),
            ("x-ratelimit-reset", secs(d.reset_ms)),
        ] {
            h.insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
    }
    Ok(res)
}

/// What [`pre_auth`] found, waiting in the request's extensions for the handler.
struct Edge(Incoming, Meter);

/// The edge of POST and GET /graphql, from the headers alone and before the token is looked at
/// (so before the [`Authenticated`] extractor runs): method and content type, then the constant
/// charged to the client IP's budget.
pub async fn pre_auth(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let incoming = match Incoming::from_headers(req.request()) {
        Ok(i) => i,
        Err(rejection) => {
            let mut res = actix_web::ResponseError::error_response(&rejection);
            super::error_body::with_request_id(&mut res, &super::request_id::request_id(req.request()));
            return Ok(req.into_response(res).map_into_right_body());
        }
    };
    let meter = match before_auth(req.request()).await {
        Ok(m) => m,
        Err(res) => return Ok(req.into_response(*res).map_into_right_body()),
    };
    req.extensions_mut().insert(Edge(incoming, meter));
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

/// What the edge found for this request (checked here when the route is not behind [`pre_auth`]).
pub async fn edge(http: &HttpRequest) -> Result<(Incoming, Meter), Box<HttpResponse>> {
    if let Some(Edge(incoming, meter)) = http.extensions_mut().remove::<Edge>() {
        return Ok((incoming, meter));
    }
    let incoming = Incoming::from_headers(http).map_err(|r| Box::new(actix_web::ResponseError::error_response(&r)))?;
    Ok((incoming, before_auth(http).await?))
}
