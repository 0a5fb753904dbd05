//! Unit tests of `services::tenants`.
use super::validate_slug;

#[test]
fn slugs_must_be_lower_case_url_safe() {
    assert!(validate_slug("demo").is_ok());
    assert!(validate_slug("Demo").is_err());
    assert!(validate_slug("a").is_err());
    assert!(validate_slug("x/y").is_err());
}
