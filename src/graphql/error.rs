//! The one place where a use case's [`ApiError`] becomes a GraphQL error: its message (internal
//! ones masked), its stable `extensions.code`, and the field it names.
use crate::error::ApiError;
use async_graphql::ErrorExtensions;

/// The cause of an INTERNAL_SERVER_ERROR, attached as the GraphQL error's `source` (never
/// serialized into the response) so the HTTP layer can report it (`crate::http::sentry`).
#[derive(Debug, Clone)]
pub struct InternalCause(pub String);

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
mod tests;
