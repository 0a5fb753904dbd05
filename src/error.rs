//! The API boundary's error enum: every GraphQL error carries one stable `extensions.code`
//! (docs/graphql.md); internal details are logged with the request id and never sent.
use async_graphql::ErrorExtensions;
use sea_orm::DbErr;

/// Errors a resolver may return. Deliberately not `Display`: async-graphql converts any `Display`
/// type into an error without a code, so the only way out is the `From` below, which sets one.
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

/// The cause of an INTERNAL_SERVER_ERROR, attached as the GraphQL error's `source` (never
/// serialized into the response) so the HTTP layer can report it (src/sentry_setup.rs).
#[derive(Debug, Clone)]
pub struct InternalCause(pub String);

/// Request id of the HTTP request, put into the GraphQL request data by the handler.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        if let Self::Internal(err) = self {
            tracing::error!(error = ?err, "internal error");
        }
        let message = self.message();
        let mut error = async_graphql::Error::new(message);
        if let Self::Internal(err) = self {
            // Server-side only: the masked error carries its cause for error reporting.
            error.source = Some(std::sync::Arc::new(InternalCause(format!("{err:#}"))));
        }
        error.extend_with(|_, e| {
            e.set("code", self.code());
            if let Self::BadInput { field, .. } = self {
                e.set("field", field.as_str());
            }
        })
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        err.extend()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_names_the_field_in_extensions() {
        let err = ApiError::bad_input("input.listPrice", "must be positive").extend();
        let ext = err.extensions.expect("extensions");
        assert_eq!(
            ext.get("code").map(|v| v.to_string()),
            Some("\"BAD_USER_INPUT\"".into())
        );
        assert_eq!(
            ext.get("field").map(|v| v.to_string()),
            Some("\"input.listPrice\"".into())
        );
    }

    #[test]
    fn internal_errors_are_masked() {
        let err = ApiError::Internal(anyhow::anyhow!("password=hunter2 at db")).extend();
        assert_eq!(err.message, "internal error");
    }
}
