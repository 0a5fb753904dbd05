//! Unit tests of `http::cache_headers`.
use super::*;

#[test]
fn vary_names_each_header_once_whatever_its_case() {
    let mut h = HeaderMap::new();
    h.insert(VARY, HeaderValue::from_static("Origin, Access-Control-Request-Method"));
    h.append(VARY, HeaderValue::from_static("accept-encoding"));
    vary(&mut h, &["Authorization", "Origin"]);
    assert_eq!(
        h.get(VARY).unwrap(),
        "Origin, Access-Control-Request-Method, accept-encoding, Authorization"
    );
    let mut empty = HeaderMap::new();
    vary(&mut empty, &["Authorization", "Origin"]);
    assert_eq!(empty.get(VARY).unwrap(), "Authorization, Origin");
}
