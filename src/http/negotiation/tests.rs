//! Unit tests of `http::negotiation`.
use super::*;

fn pick(accept: Option<&str>) -> MediaType {
    let mut headers = HeaderMap::new();
    if let Some(a) = accept {
        headers.insert(ACCEPT, HeaderValue::from_str(a).unwrap());
    }
    MediaType::negotiate(&headers)
}

#[test]
fn the_client_preference_decides_and_legacy_clients_get_application_json() {
    use MediaType::*;
    assert_eq!(pick(None), Json);
    assert_eq!(pick(Some("*/*")), Json);
    assert_eq!(pick(Some("text/html")), Json);
    assert_eq!(pick(Some("application/graphql-response+json")), GraphQLResponseJson);
    assert_eq!(
        pick(Some("application/json;q=0.9, application/graphql-response+json")),
        GraphQLResponseJson
    );
    assert_eq!(
        pick(Some("application/graphql-response+json; q=0.5, application/json")),
        Json
    );
    assert_eq!(pick(Some("application/graphql-response+json;q=0, */*")), Json);
    assert_eq!(
        pick(Some("application/graphql-response+json, application/json")),
        GraphQLResponseJson
    );
}

#[test]
fn only_errors_without_a_path_and_without_data_are_request_errors() {
    let parse = Response::from_errors(vec![async_graphql::ServerError::new("expected selection", None)]);
    assert!(is_request_error(&parse));
    let json = |r: &Response| serde_json::from_str::<serde_json::Value>(&to_json(r).unwrap()).unwrap();
    assert!(json(&parse).get("data").is_none());
    let mut field = async_graphql::ServerError::new("boom", None);
    field.path = vec![async_graphql::PathSegment::Field("me".into())];
    let bubbled = Response::from_errors(vec![field]);
    assert!(!is_request_error(&bubbled));
    assert_eq!(json(&bubbled)["data"], serde_json::Value::Null);
    assert!(!is_request_error(&Response::new(async_graphql::Value::Null)));
}
