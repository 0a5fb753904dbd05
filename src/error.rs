//! The API boundary's error enum: every GraphQL error carries one stable `extensions.code`
//! (docs/graphql.md); internal details are logged with the request id and never sent.
use sea_orm::DbErr;

/// Errors a use case may return. Deliberately not `Display`: async-graphql converts any `Display`
/// type into an error without a code, so the only way out is `crate::graphql::error`'s `From`,
/// which sets one.
#[derive(Debug)]
pub enum ApiError {
    Unauthenticated,
    Forbidden(String),
    /// Also for other tenants' ids: existence is never revealed.
    NotFound {
        entity: &'static str,
    },
    BadInput {
        field: String,
        message: String,
    },
    Conflict(String),
    TooComplex(String),
    /// A computation that has no answer for these inputs (its own stable code, e.g.
    /// `MAX_BID_INFEASIBLE`), never replaced by a guessed number.
    NoAnswer {
        code: &'static str,
        message: String,
    },
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        Self::Internal(err)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }

    /// The message sent to the client (internal errors are masked).
    pub fn message(&self) -> String {
        match self {
            Self::Unauthenticated => "authentication required".into(),
            Self::Forbidden(m) | Self::Conflict(m) | Self::TooComplex(m) => m.clone(),
            Self::NoAnswer { message, .. } => message.clone(),
            Self::NotFound { entity } => format!("{entity} not found"),
            Self::BadInput { field, message } => format!("{field}: {message}"),
            Self::Internal(_) => "internal error".into(),
        }
    }

    /// The stable `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::BadInput { .. } => "BAD_USER_INPUT",
            Self::Conflict(_) => "CONFLICT",
            Self::TooComplex(_) => "QUERY_TOO_COMPLEX",
            Self::NoAnswer { code, .. } => code,
            Self::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }
}

impl From<DbErr> for ApiError {
    /// Constraint violations become domain errors here, in one place; anything else is internal.
    fn from(err: DbErr) -> Self {
        use sea_orm::SqlErr;
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                Self::Conflict("a record with these values already exists".into())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => Self::NotFound {
                entity: "referenced record",
            },
            _ => Self::Internal(anyhow::Error::new(err)),
        }
    }
}
