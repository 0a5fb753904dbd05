//! What every resolver gets from the request: the verified principal, its tenant transaction and
//! the request id.
use crate::auth::{Principal, Role};
use crate::error::{ApiError, ApiResult};
use crate::events::{EventBus, Outbox};
use crate::graph::backend::GraphBackend;
use crate::persistence::{TenantId, TenantTx};
use crate::services::caller::Caller;
use async_graphql::Context;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Per-request data; built by the HTTP layer (or a test) and attached with `Request::data`.
#[derive(Clone)]
pub struct RequestCtx {
    pub principal: Principal,
    pub tx: Arc<TenantTx>,
    pub request_id: String,
    /// The caller's highest role (tokens without a known role are refused before this).
    pub role: Role,
}

impl RequestCtx {
    /// `sub` of the caller, recorded as actor on writes.
    pub fn actor(&self) -> &str {
        &self.principal.subject
    }
}

/// Per-connection data of a subscription socket, built from the `connection_init` token.
#[derive(Clone)]
pub struct SubscriberCtx {
    pub principal: Principal,
    pub tenant: TenantId,
    /// The caller's highest role.
    pub role: Role,
    pub bus: EventBus,
    /// For the existence checks (NOT_FOUND outside the tenant, as for queries).
    pub db: DatabaseConnection,
}

/// The request's context, or UNAUTHENTICATED when a resolver runs without one.
pub fn req<'a>(ctx: &'a Context<'_>) -> ApiResult<&'a RequestCtx> {
    ctx.data_opt::<RequestCtx>().ok_or(ApiError::Unauthenticated)
}

/// The request's tenant transaction.
pub fn tx<'a>(ctx: &'a Context<'_>) -> ApiResult<&'a TenantTx> {
    Ok(req(ctx)?.tx.as_ref())
}

/// The request's caller, as the use cases in `crate::services` take it.
pub fn caller<'a>(ctx: &'a Context<'_>) -> ApiResult<Caller<'a>> {
    let r = req(ctx)?;
    Ok(Caller {
        tx: r.tx.as_ref(),
        actor: r.actor(),
        request_id: Some(&r.request_id),
        mirror_graph: ctx.data_opt::<GraphBackend>().is_some_and(GraphBackend::mirrors),
        events: ctx.data_opt::<Outbox>(),
    })
}
