//! Unit tests of graphql_body: parameter types, GET parsing, charset.
#![allow(clippy::unwrap_used)]
use super::*;
use actix_web::http::StatusCode;

fn reason(body: &str) -> &'static str {
    from_json_body(body.as_bytes()).err().map_or("OK", |e| e.reason())
}

#[test]
fn parameters_of_the_wrong_type_are_refused_naming_the_field() {
    assert_eq!(reason(r#"{"query": "{ me { subject } }"}"#), "OK");
    assert_eq!(
        reason(r#"{"query": "{ a }", "variables": null, "extensions": null, "operationName": null}"#),
        "OK"
    );
    assert_eq!(reason(r#"[{"query": "{ a }"}, {"query": "{ b }"}]"#), "OK");
    assert_eq!(reason(""), "EMPTY_BODY");
    assert_eq!(reason(r#"{ "not json"#), "INVALID_JSON");
    for body in [
        r#"{"qeury": "{ a }"}"#,
        r#"{"query": 0}"#,
        r#"{"query": "{ a }", "variables": "x"}"#,
        r#"{"query": "{ a }", "extensions": []}"#,
        r#"{"query": "{ a }", "operationName": false}"#,
        r#"[{"query": "{ a }"}, 5]"#,
        "7",
    ] {
        assert_eq!(reason(body), "INVALID_PARAMETER", "{body}");
    }
    let Err(RequestError::InvalidParameter { field, .. }) =
        from_json_body(br#"[{"query": "{ a }"}, {"query": "{ b }", "variables": []}]"#)
    else {
        panic!("expected an invalid parameter");
    };
    assert_eq!(field, "[1].variables");
}

#[test]
fn get_runs_queries_with_json_variables_and_refuses_mutations() {
    let ok = from_query_string("query=query%20Q(%24n%3A%20String!)%7B__typename%7D&variables=%7B%22n%22%3A%22x%22%7D");
    let BatchRequest::Single(r) = ok.unwrap() else {
        panic!("single")
    };
    assert_eq!(
        r.variables.into_value().into_json().unwrap(),
        serde_json::json!({"n": "x"})
    );
    let get = |qs: &str| match from_query_string(qs).unwrap() {
        BatchRequest::Single(mut r) => get_allows(&mut r),
        BatchRequest::Batch(_) => panic!("single"),
    };
    let err = get("query=mutation%20%7B__typename%7D").unwrap_err();
    assert_eq!(err.reason(), "OPERATION_NOT_ALLOWED_OVER_GET");
    let named = get("query=query%20A%7Ba%7D%20mutation%20B%7Bb%7D&operationName=B").unwrap_err();
    assert_eq!(named.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(get("query=query%20A%7Ba%7D%20mutation%20B%7Bb%7D&operationName=A").is_ok());
    assert_eq!(
        from_query_string("query=%7Ba%7D&variables=%5B%5D")
            .unwrap_err()
            .reason(),
        "INVALID_PARAMETER"
    );
}

#[test]
fn only_a_utf8_charset_is_accepted() {
    assert!(utf8_charset("application/json"));
    assert!(utf8_charset("application/json; charset=UTF-8"));
    assert!(!utf8_charset("application/json; charset=latin1"));
}
