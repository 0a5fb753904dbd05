//! Unit tests of `http::sentry`.
use super::*;

#[test]
fn tokens_headers_and_emails_are_scrubbed() {
    let mut e = event(
        "INTERNAL_SERVER_ERROR",
        "failed for Bearer abc.def-ghi and eyJhbGciOi.eyJzdWIi.c2ln of jo@example.com",
    );
    e.extra.insert("Authorization".into(), "Bearer x".into());
    e.extra.insert("cookie".into(), "a=b".into());
    e.tags.insert("role".into(), "admin".into());
    let out = scrub(e).expect("scrubbed");
    let text = serde_json::to_string(&out).expect("json");
    for leak in ["abc.def", "eyJ", "jo@example.com", "Authorization", "cookie", "a=b"] {
        assert!(!text.contains(leak), "{leak} leaked: {text}");
    }
    assert_eq!(out.tags.get("role").map(String::as_str), Some("admin"));
    assert!(text.contains("[redacted]"));
}

#[test]
fn the_operation_name_comes_from_the_request_or_the_document() {
    let named = BatchRequest::Single(async_graphql::Request::new("query Q { me { id } }"));
    assert_eq!(operation_name(&named), "Q");
    let explicit = BatchRequest::Single(async_graphql::Request::new("{ me { id } }").operation_name("X"));
    assert_eq!(operation_name(&explicit), "X");
    let anon = BatchRequest::Single(async_graphql::Request::new("{ me { id } }"));
    assert_eq!(operation_name(&anon), "anonymous");
}

#[test]
fn without_a_dsn_nothing_is_configured() {
    assert!(options(&Settings::default()).is_none());
}
