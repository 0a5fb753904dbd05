//! Who is calling: the one sequence token → role → tenant → active user, shared by `/graphql`
//! (POST and GET), the WebSocket's `connection_init` and document downloads. It looks at the
//! `Authorization` header alone, so it runs before any body is read or any query is parsed: an
//! unauthenticated request costs one signature check at most. One function renders every error
//! body the HTTP layer writes itself.
use super::state::AppState;
use crate::auth::{AuthError, Principal, Role};
use crate::persistence::TenantId;
use crate::services::users::Access;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};

/// A caller whose token, role, tenant and user record were accepted.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub principal: Principal,
    pub role: Role,
    pub tenant: TenantId,
}

/// Why a caller was turned away.
#[derive(Debug)]
pub enum Refused {
    Token(AuthError),
    NoRole,
    UnknownTenant,
    Deactivated,
    /// The database could not be asked (503).
    Unavailable(String),
}

impl Refused {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Token(_) | Self::UnknownTenant => StatusCode::UNAUTHORIZED,
            Self::NoRole | Self::Deactivated => StatusCode::FORBIDDEN,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Token(_) | Self::UnknownTenant => "UNAUTHENTICATED",
            Self::NoRole | Self::Deactivated => "FORBIDDEN",
            Self::Unavailable(_) => "INTERNAL_SERVER_ERROR",
        }
    }

    /// The stable `extensions.reason`.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Token(e) => e.code(),
            Self::NoRole => "NO_ROLE",
            Self::UnknownTenant => "UNKNOWN_TENANT",
            Self::Deactivated => "USER_DEACTIVATED",
            Self::Unavailable(_) => "DATABASE_UNAVAILABLE",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Self::Token(e) => e.to_string(),
            Self::NoRole => "the token carries no reos role".into(),
            Self::UnknownTenant => "unknown tenant".into(),
            Self::Deactivated => "this user has been deactivated by an administrator".into(),
            Self::Unavailable(_) => "database unavailable".into(),
        }
    }

    /// The HTTP answer; internal failures carry the request id.
    pub fn response(&self, request_id: &str) -> HttpResponse {
        error_response(
            self.status(),
            self.code(),
            Some(self.reason()),
            &self.message(),
            request_id,
        )
    }
}

/// A GraphQL-shaped error body outside execution: `{"errors":[{message, extensions:{code,
/// reason?, requestId?}}]}`, with `WWW-Authenticate` on 401 and `x-request-id` always. Internal
/// errors and unavailability (5xx) carry `extensions.requestId`.
pub fn error_response(
    status: StatusCode,
    code: &str,
    reason: Option<&str>,
    message: &str,
    request_id: &str,
) -> HttpResponse {
    let mut ext = serde_json::json!({ "code": code });
    if let Some(r) = reason {
        ext["reason"] = r.into();
    }
    if status.is_server_error() {
        ext["requestId"] = request_id.into();
    }
    let mut res = HttpResponse::build(status);
    if status == StatusCode::UNAUTHORIZED {
        res.insert_header(("WWW-Authenticate", "Bearer"));
    }
    let mut res = res.json(serde_json::json!({ "errors": [{ "message": message, "extensions": ext }] }));
    with_request_id(&mut res, request_id);
    res
}

/// Puts `x-request-id` on a response.
pub fn with_request_id(res: &mut HttpResponse, request_id: &str) {
    if let Ok(v) = HeaderValue::from_str(request_id) {
        res.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
    }
}

/// Verifies the `Authorization` header value and admits the caller.
pub async fn authenticate(state: &AppState, header: Option<&str>) -> Result<Authenticated, Refused> {
    let principal = state.tokens.verify(&state.verifier, header).await.map_err(|e| {
        tracing::info!(reason = e.code(), "token refused");
        Refused::Token(e)
    })?;
    let role = principal.highest_role().ok_or(Refused::NoRole)?;
    let tenant = match state.tenant(&principal.tenant).await {
        Ok(Some(t)) => t,
        Ok(None) => return Err(Refused::UnknownTenant),
        Err(e) => {
            tracing::error!(error = %e, "tenant lookup failed");
            return Err(Refused::Unavailable(e.to_string()));
        }
    };
    let access = state
        .users
        .access(
            &state.db.service,
            tenant,
            &principal.subject,
            principal.email.as_deref(),
            role,
        )
        .await;
    match access {
        Ok(Access::Active) => Ok(Authenticated {
            principal,
            role,
            tenant,
        }),
        Ok(Access::Deactivated) => Err(Refused::Deactivated),
        Err(e) => {
            tracing::error!(error = %e, "user lookup failed");
            Err(Refused::Unavailable(e.to_string()))
        }
    }
}
