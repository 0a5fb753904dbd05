//! The one error type of the DCF boundary: every refusal names the input field it is about.

use thiserror::Error;

/// Why an input (or a Monte Carlo / sensitivity spec) was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DcfError {
    /// A value that parsed but breaks a rule of docs/dcf.md; `field` is its path, e.g. `leases[2].end`.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The JSON itself could not be read into the input types (syntax, type, unknown field).
    #[error("{path}: {message} (line {line}, column {column})")]
    Json {
        path: String,
        message: String,
        line: usize,
        column: usize,
    },
    /// A search that has no answer to give (a maximum bid no price meets, say); `code` is stable
    /// (docs/deal-sizing.md).
    #[error("{code}: {message}")]
    NoAnswer { code: &'static str, message: String },
    /// The caller stopped a long computation (its request was dropped or timed out).
    #[error("the computation was cancelled")]
    Cancelled,
}

impl DcfError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        DcfError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The offending field path (for JSON errors, the path of the JSON value being read).
    pub fn field(&self) -> &str {
        match self {
            DcfError::Invalid { field, .. } => field,
            DcfError::Json { path, .. } => path,
            DcfError::Cancelled | DcfError::NoAnswer { .. } => "",
        }
    }
}
