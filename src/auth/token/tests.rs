//! Unit tests of `auth::token`.
use super::*;

fn encoded(header: &str) -> String {
    format!("{}.e30.sig", URL_SAFE_NO_PAD.encode(header))
}

#[test]
fn the_bearer_scheme_is_matched_case_insensitively_and_the_token_trimmed() {
    assert_eq!(bearer_token(Some("BEARER  abc ")), Ok("abc"));
    assert_eq!(bearer_token(Some("bearer abc")), Ok("abc"));
    assert_eq!(bearer_token(Some("Token abc")).unwrap_err().code(), "MALFORMED_TOKEN");
}

#[test]
fn a_header_with_crit_extensions_is_malformed() {
    let token = encoded(r#"{"alg":"RS256","crit":["exp"],"exp":1}"#);
    assert_eq!(parse_header(&token).err().unwrap().code(), "MALFORMED_TOKEN");
}

#[test]
fn a_header_without_alg_is_malformed_but_kid_is_optional() {
    assert!(parse_header(&encoded(r#"{"kid":"k1"}"#)).is_err());
    let header = parse_header(&encoded(r#"{"alg":"ES256"}"#)).unwrap();
    assert_eq!((header.alg.as_str(), header.kid), ("ES256", None));
}
