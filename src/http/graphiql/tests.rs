//! Unit tests of `http::graphiql`.
use super::*;

#[test]
fn a_token_cannot_close_the_script_element() {
    let json = script_json(&serde_json::json!({"authorization": "Bearer </script><script>alert(1)</script>&"}));
    assert!(
        !json.contains('<') && !json.contains('>') && !json.contains('&'),
        "{json}"
    );
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back["authorization"], "Bearer </script><script>alert(1)</script>&");
}

#[test]
fn the_page_names_only_local_files() {
    let page = html("{}");
    assert!(!page.contains("//"), "no absolute or protocol-relative URL: {page}");
    for name in NAMES.iter() {
        assert!(page.contains(&format!("\"graphiql/{name}\"")), "{name} in {page}");
    }
}

#[test]
fn a_strange_host_stays_out_of_the_policy() {
    let policy = csp("127.0.0.1:8080", Some("n0nce"));
    assert!(policy.contains("style-src 'self' 'nonce-n0nce';"), "{policy}");
    assert!(
        policy.contains("connect-src 'self' ws://127.0.0.1:8080 wss://127.0.0.1:8080;"),
        "{policy}"
    );
    let policy = csp("evil; script-src *", None);
    assert!(
        policy.contains("style-src 'self'; ") && policy.contains("connect-src 'self';"),
        "{policy}"
    );
}
