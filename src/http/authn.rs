//! Who is calling: the one sequence token → role → tenant → active user, shared by `/graphql`
//! (POST and GET), the WebSocket's `connection_init` and document downloads. It looks at the
//! `Authorization` header alone, so it runs before any body is read or any query is parsed: an
//! unauthenticated request costs one signature check at most.
use super::error_body::error_response;
use super::state::AppState;
use crate::auth::{AuthError, Principal, Role};
use crate::persistence::TenantId;
use crate::services::users::Access;
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use futures_util::future::LocalBoxFuture;

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

/// The extractor: a handler that takes an [`Authenticated`] runs only for an admitted caller;
/// anyone else gets the refusal (401, 403 or 503, with the request id) and the handler never runs.
impl FromRequest for Authenticated {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(http: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = http.app_data::<web::Data<AppState>>().cloned();
        let header = http
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let request_id = super::request_id::request_id(http);
        Box::pin(async move {
            let Some(state) = state else {
                return Err(actix_web::error::ErrorInternalServerError("application state missing"));
            };
            authenticate(&state, header.as_deref()).await.map_err(|refused| {
                if let Refused::Unavailable(e) = &refused {
                    crate::http::sentry::RequestScope::anonymous(&request_id).capture("DATABASE_UNAVAILABLE", e);
                }
                actix_web::error::InternalError::from_response(refused.message(), refused.response(&request_id)).into()
            })
        })
    }
}
