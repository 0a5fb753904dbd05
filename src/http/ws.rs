//! GET /graphql with `Upgrade: websocket`: GraphQL subscriptions over graphql-transport-ws (and
//! the legacy graphql-ws). The bearer token comes in the `connection_init` payload
//! (`{"Authorization": "Bearer …"}`, or `{"token": "…"}`) and is checked exactly as on POST:
//! signature and claims, a known role, an existing tenant. A refusal closes the socket with 4403
//! Forbidden (4500 when the tenant lookup fails); `subscribe` before the ack closes with 4401, no
//! `connection_init` within 10 s with 4408, as the protocol asks; the socket closes with 4403 when
//! the token expires. This actor follows
//! async-graphql-actix-web's `GraphQLSubscription`, whose close code for a refused init is 1002.
use super::authn::{Authenticated, Refused};
use super::state::AppState;
use crate::events::EventBus;
use crate::graphql::context::SubscriberCtx;
use actix::{
    Actor, ActorContext, ActorFutureExt, ActorStreamExt, AsyncContext, ContextFutureSpawner, StreamHandler, WrapFuture,
    WrapStream,
};
use actix_http::ws::Item;
use actix_web::{HttpRequest, HttpResponse, web};
use actix_web_actors::ws::{self, CloseReason, Message, ProtocolError, WebsocketContext};
use async_graphql::Data;
use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, WebSocket, WebSocketProtocols, WsMessage};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU16, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(5);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(15);
const INIT_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest (reassembled) message accepted before `connection_init` is acknowledged.
const UNACKED_MESSAGE_BYTES: usize = 64 * 1024;

/// How `connection_init` went, shared between the init callback and the actor.
#[derive(Default)]
struct InitOutcome {
    acked: AtomicBool,
    /// Close code chosen by the init callback (0: none).
    refused: AtomicU16,
    /// The accepted token's `exp` (Unix seconds; 0: none): the socket closes then.
    expires_at: AtomicU64,
    /// The accepted caller, re-checked every [`USER_RECHECK`] (a deactivated user's socket closes).
    who: std::sync::Mutex<Option<Authenticated>>,
}

/// How often an open socket asks whether its user is still active (answers are cached for
/// `services::users::STATUS_TTL`, so a deactivation elsewhere closes it within about both).
const USER_RECHECK: Duration = Duration::from_secs(5);

impl InitOutcome {
    fn refuse(&self, code: u16, reason: &str) -> async_graphql::Error {
        self.refused.store(code, Ordering::SeqCst);
        async_graphql::Error::new(reason)
    }

    /// The close frame to send for async-graphql's `Close(code, message)`.
    fn close_reason(&self, code: u16, message: String) -> (u16, String) {
        match self.refused.load(Ordering::SeqCst) {
            4403 => (4403, format!("Forbidden: {message}")),
            0 if code == 1011 && !self.acked.load(Ordering::SeqCst) => (4401, "Unauthorized".into()),
            0 => (code, message),
            other => (other, message),
        }
    }
}

/// The token of a `connection_init` payload as an Authorization header value.
fn bearer(payload: &serde_json::Value) -> Option<String> {
    let field = |k: &str| payload.get(k).and_then(|v| v.as_str());
    if let Some(h) = field("Authorization").or_else(|| field("authorization")) {
        return Some(h.to_owned());
    }
    field("token").map(|t| format!("Bearer {t}"))
}

/// `exp` of a token that has been verified (so its payload is trusted), in Unix seconds.
fn expiry(header: &str) -> Option<u64> {
    use base64::Engine;
    let token = header.strip_prefix("Bearer ").unwrap_or(header).trim();
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()?
        .get("exp")?
        .as_u64()
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Checks the token as POST /graphql does; the connection's data on success.
async fn authenticate(
    state: web::Data<AppState>,
    bus: EventBus,
    payload: serde_json::Value,
    outcome: Arc<InitOutcome>,
) -> async_graphql::Result<Data> {
    let header = bearer(&payload);
    let who = match super::authn::authenticate(&state, header.as_deref()).await {
        Ok(who) => who,
        Err(Refused::Unavailable(_)) => return Err(outcome.refuse(4500, "Internal server error")),
        Err(refused) => {
            tracing::info!(reason = refused.reason(), "subscription refused");
            return Err(outcome.refuse(4403, refused.reason()));
        }
    };
    let Authenticated {
        principal,
        role,
        tenant,
    } = who.clone();
    tracing::info!(%tenant, role = role.as_str(), "subscription connection accepted");
    let mut data = Data::default();
    data.insert(SubscriberCtx {
        principal,
        tenant,
        role,
        bus,
        db: state.db.service.clone(),
    });
    let exp = header.as_deref().and_then(expiry).unwrap_or(0);
    outcome.expires_at.store(exp, Ordering::SeqCst);
    if let Ok(mut slot) = outcome.who.lock() {
        *slot = Some(who);
    }
    outcome.acked.store(true, Ordering::SeqCst);
    Ok(data)
}

struct Session {
    state: web::Data<AppState>,
    protocol: WebSocketProtocols,
    last_heartbeat: Instant,
    messages: Option<mpsc::UnboundedSender<Vec<u8>>>,
    continuation: Vec<u8>,
    outcome: Arc<InitOutcome>,
}

impl Session {
    fn close(ctx: &mut WebsocketContext<Self>, code: u16, message: String) {
        ctx.close(Some(CloseReason {
            code: code.into(),
            description: Some(message),
        }));
    }
}

impl Actor for Session {
    type Context = WebsocketContext<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        ctx.run_interval(HEARTBEAT_INTERVAL, |act, ctx| {
            if act.last_heartbeat.elapsed() > CLIENT_TIMEOUT {
                ctx.stop();
            }
            ctx.ping(b"");
        });
        // The token is not re-checked per event; the socket ends when it expires. A draining
        // instance closes with 1012 (Service Restart): clients reconnect, through the load
        // balancer, to another instance.
        ctx.run_interval(Duration::from_secs(1), |act, ctx| {
            if act.state.draining.load(Ordering::SeqCst) {
                Session::close(ctx, 1012, "Service Restart: reconnect".into());
                ctx.stop();
                return;
            }
            let exp = act.outcome.expires_at.load(Ordering::SeqCst);
            if exp != 0 && unix_now() >= exp {
                Session::close(ctx, 4403, "Forbidden: TOKEN_EXPIRED".into());
                ctx.stop();
            }
        });
        ctx.run_interval(USER_RECHECK, |act, ctx| {
            let who = act.outcome.who.lock().ok().and_then(|w| w.clone());
            let Some(who) = who else { return };
            let state = act.state.clone();
            let check = async move {
                let users = &state.users;
                let email = who.principal.email.as_deref();
                users
                    .access(&state.db.service, who.tenant, &who.principal.subject, email, who.role)
                    .await
            };
            check
                .into_actor(act)
                .map(|access, _act, ctx| {
                    if let Ok(crate::services::users::Access::Deactivated) = access {
                        Session::close(ctx, 4403, "Forbidden: USER_DEACTIVATED".into());
                        ctx.stop();
                    }
                })
                .spawn(ctx);
        });
        ctx.run_later(INIT_TIMEOUT, |act, ctx| {
            let o = &act.outcome;
            if !o.acked.load(Ordering::SeqCst) && o.refused.load(Ordering::SeqCst) == 0 {
                Session::close(ctx, 4408, "Connection initialisation timeout".into());
                ctx.stop();
            }
        });
        let (tx, mut rx) = mpsc::unbounded_channel::<Vec<u8>>();
        let input = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
        let (state, outcome) = (self.state.clone(), self.outcome.clone());
        let bus = self.state.events.clone();
        WebSocket::new(self.state.schema.clone(), input, self.protocol)
            .on_connection_init(move |payload| authenticate(state, bus, payload, outcome))
            .into_actor(self)
            .map(|out, act, ctx| match out {
                WsMessage::Text(text) => ctx.text(text),
                WsMessage::Close(code, message) => {
                    let (code, message) = act.outcome.close_reason(code, message);
                    Session::close(ctx, code, message);
                }
            })
            .finish()
            .spawn(ctx);
        self.messages = Some(tx);
    }
}

impl StreamHandler<Result<Message, ProtocolError>> for Session {
    fn handle(&mut self, msg: Result<Message, ProtocolError>, ctx: &mut Self::Context) {
        let Ok(msg) = msg else {
            ctx.stop();
            return;
        };
        let message = match msg {
            Message::Ping(m) => {
                self.last_heartbeat = Instant::now();
                ctx.pong(&m);
                None
            }
            Message::Pong(_) => {
                self.last_heartbeat = Instant::now();
                None
            }
            Message::Continuation(item) => {
                let (b, last) = match item {
                    Item::FirstText(b) | Item::FirstBinary(b) => {
                        self.continuation.clear();
                        (b, false)
                    }
                    Item::Continue(b) => (b, false),
                    Item::Last(b) => (b, true),
                };
                // A fragmented message may not grow past what one message may carry: 64 KiB
                // before the connection is acknowledged, the JSON body limit after.
                let limit = if self.outcome.acked.load(Ordering::SeqCst) {
                    self.state.settings.graphql.max_body_bytes
                } else {
                    UNACKED_MESSAGE_BYTES
                };
                if self.continuation.len() + b.len() > limit {
                    Session::close(ctx, 1009, format!("message larger than {limit} bytes"));
                    ctx.stop();
                    return;
                }
                self.continuation.extend_from_slice(&b);
                last.then(|| std::mem::take(&mut self.continuation))
            }
            Message::Text(s) => Some(s.into_bytes().to_vec()),
            Message::Binary(b) => Some(b.to_vec()),
            Message::Close(_) => {
                ctx.stop();
                None
            }
            Message::Nop => None,
        };
        if let Some(m) = message {
            let sent = self.messages.as_ref().is_some_and(|tx| tx.send(m).is_ok());
            if !sent {
                ctx.stop();
            }
        }
    }
}

/// Upgrades the request; 400 when no GraphQL WebSocket subprotocol is offered.
pub async fn subscribe(
    state: web::Data<AppState>,
    req: HttpRequest,
    stream: web::Payload,
) -> Result<HttpResponse, actix_web::Error> {
    let protocol = req
        .headers()
        .get("sec-websocket-protocol")
        .and_then(|v| v.to_str().ok())
        .and_then(|list| {
            list.split(',')
                .find_map(|p| WebSocketProtocols::from_str(p.trim()).ok())
        })
        .ok_or_else(|| actix_web::error::ErrorBadRequest("offer the graphql-transport-ws subprotocol"))?;
    // Like POST, an upgrade spends the constant pre-authentication cost from the IP's budget.
    if let Err(refused) = super::rate_limit::before_auth(&req).await {
        return Ok(*refused);
    }
    let session = Session {
        state,
        protocol,
        last_heartbeat: Instant::now(),
        messages: None,
        continuation: Vec::new(),
        outcome: Arc::default(),
    };
    ws::WsResponseBuilder::new(session, &req, stream)
        .protocols(&ALL_WEBSOCKET_PROTOCOLS)
        .start()
}

/// GET with `Upgrade: websocket`, mounted on /graphql before GraphiQL.
pub fn route() -> actix_web::Route {
    web::get().guard(actix_web::guard::fn_guard(is_upgrade)).to(subscribe)
}

/// Whether the request asks for a WebSocket upgrade.
pub fn is_upgrade(ctx: &actix_web::guard::GuardContext<'_>) -> bool {
    ctx.head()
        .headers()
        .get(actix_web::http::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

#[cfg(test)]
mod tests;
