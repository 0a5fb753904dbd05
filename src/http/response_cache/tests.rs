//! Unit tests of `http::response_cache`.
use super::*;

fn cache() -> ResponseCache {
    let c = ResponseCache::new(&ResponseCacheSettings::default());
    c.set_live(true);
    c
}

fn key(tenant: Uuid, token: &str) -> Key {
    ResponseCache::key(TenantId::for_tests(tenant), token, &Request::new("{ me { id } }")).unwrap()
}

#[test]
fn a_write_of_the_tenant_invalidates_only_that_tenant() {
    let c = cache();
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    for t in [a, b] {
        let ticket = c.ticket(TenantId::for_tests(t)).unwrap();
        c.put(key(t, "x"), ticket, Bytes::from_static(b"{}"));
    }
    c.changed(Some(a));
    assert_eq!(c.get(&key(a, "x"), c.ticket(TenantId::for_tests(a)).unwrap()), None);
    assert!(c.get(&key(b, "x"), c.ticket(TenantId::for_tests(b)).unwrap()).is_some());
    // Another token of the same tenant has its own entries.
    assert_eq!(c.get(&key(b, "y"), c.ticket(TenantId::for_tests(b)).unwrap()), None);
    c.changed(None);
    assert_eq!(c.get(&key(b, "x"), c.ticket(TenantId::for_tests(b)).unwrap()), None);
}

#[test]
fn a_response_computed_across_a_write_is_not_stored() {
    let c = cache();
    let t = Uuid::now_v7();
    let before = c.ticket(TenantId::for_tests(t)).unwrap();
    c.changed(Some(t));
    c.put(key(t, "x"), before, Bytes::from_static(b"{}"));
    assert_eq!(c.get(&key(t, "x"), c.ticket(TenantId::for_tests(t)).unwrap()), None);
    assert_eq!(c.get(&key(t, "x"), before), None);
}

#[test]
fn nothing_is_served_or_stored_while_the_feed_is_down() {
    let c = cache();
    let t = Uuid::now_v7();
    let ticket = c.ticket(TenantId::for_tests(t)).unwrap();
    c.put(key(t, "x"), ticket, Bytes::from_static(b"{}"));
    c.set_live(false);
    assert_eq!(c.ticket(TenantId::for_tests(t)), None);
    c.set_live(true);
    // Reconnecting does not bring back what was cached before.
    assert_eq!(c.get(&key(t, "x"), c.ticket(TenantId::for_tests(t)).unwrap()), None);
}

#[test]
fn uploads_and_extensions_are_not_cached() {
    let mut r = Request::new("{ me { id } }");
    r.extensions.insert("persistedQuery".into(), async_graphql::Value::Null);
    assert!(ResponseCache::key(TenantId::for_tests(Uuid::now_v7()), "x", &r).is_none());
}
