//! Why a GraphQL-over-HTTP request was refused before authentication or execution, and the
//! GraphQL-shaped answer (`extensions.code = BAD_USER_INPUT`, `field`, stable `reason`).
use super::error_body::HttpError;
use super::negotiation::MediaType;
use actix_web::http::StatusCode;
use actix_web::http::header::{ALLOW, CONTENT_TYPE};
use actix_web::{HttpResponse, ResponseError};

/// Why a request was refused before execution. `reason()` is the stable `extensions.reason`.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("the request body is empty")]
    EmptyBody,
    #[error("the request body is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("`{field}` {problem}")]
    InvalidParameter { field: String, problem: &'static str },
    #[error("content type `{0}` is not supported: send application/json (multipart/form-data for uploads)")]
    UnsupportedMediaType(String),
    #[error("the request body is larger than {0} bytes")]
    BodyTooLarge(usize),
    #[error("{0} operations are only accepted with POST")]
    NotAllowedOverGet(&'static str),
    #[error("method {0} is not supported: use GET or POST")]
    MethodNotAllowed(String),
    #[error("the request body could not be read: {0}")]
    Read(String),
    #[error("{message}")]
    Multipart { status: StatusCode, message: String },
}

impl RequestError {
    pub fn reason(&self) -> &'static str {
        match self {
            Self::EmptyBody => "EMPTY_BODY",
            Self::InvalidJson(_) => "INVALID_JSON",
            Self::InvalidParameter { .. } => "INVALID_PARAMETER",
            Self::UnsupportedMediaType(_) => "UNSUPPORTED_MEDIA_TYPE",
            Self::BodyTooLarge(_) => "BODY_TOO_LARGE",
            Self::NotAllowedOverGet(_) => "OPERATION_NOT_ALLOWED_OVER_GET",
            Self::MethodNotAllowed(_) => "METHOD_NOT_ALLOWED",
            Self::Read(_) => "BODY_UNREADABLE",
            Self::Multipart { .. } => "INVALID_MULTIPART",
        }
    }

    fn field(&self) -> &str {
        match self {
            Self::InvalidParameter { field, .. } => field,
            Self::NotAllowedOverGet(_) => "query",
            Self::UnsupportedMediaType(_) => "content-type",
            _ => "body",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::NotAllowedOverGet(_) | Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Multipart { status, .. } => *status,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

/// A refused request, answered in the media type the client negotiated.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct Rejection {
    error: RequestError,
    media: MediaType,
}

impl Rejection {
    pub fn new(error: RequestError, media: MediaType) -> Self {
        Self { error, media }
    }
}

impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        self.error.status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut e = HttpError::new(self.status_code(), "BAD_USER_INPUT", self.error.to_string())
            .ext("reason", self.error.reason())
            .ext("field", self.error.field())
            .header((CONTENT_TYPE, self.media.content_type()));
        if self.status_code() == StatusCode::METHOD_NOT_ALLOWED {
            let allow = if matches!(self.error, RequestError::NotAllowedOverGet(_)) {
                "POST"
            } else {
                "GET, POST"
            };
            e = e.header((ALLOW, allow));
        }
        e.render(None)
    }
}
