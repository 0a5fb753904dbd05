//! What every resolver gets from the request: the verified principal, its tenant transaction and
//! the request id.
use crate::auth::{Principal, Role};
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use async_graphql::Context;
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

/// The request's context, or UNAUTHENTICATED when a resolver runs without one.
pub fn req<'a>(ctx: &'a Context<'_>) -> ApiResult<&'a RequestCtx> {
    ctx.data_opt::<RequestCtx>().ok_or(ApiError::Unauthenticated)
}

/// The request's tenant transaction.
pub fn tx<'a>(ctx: &'a Context<'_>) -> ApiResult<&'a TenantTx> {
    Ok(req(ctx)?.tx.as_ref())
}
