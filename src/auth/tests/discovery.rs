//! OIDC discovery against a tiny issuer on 127.0.0.1: key rotation, refresh rate limiting, failures.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;

use super::*;

/// Serves `/.well-known/openid-configuration` and `/jwks` with whatever the test puts in here.
#[derive(Default)]
struct FakeIssuer {
    url: String,
    advertised_issuer: Mutex<Option<String>>,
    jwks: Mutex<String>,
    jwks_fails: AtomicBool,
    jwks_hits: AtomicUsize,
}

impl FakeIssuer {
    async fn start(jwks: String) -> Arc<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = Arc::new(FakeIssuer {
            url: format!("http://{}", listener.local_addr().unwrap()),
            jwks: Mutex::new(jwks),
            ..FakeIssuer::default()
        });
        let server = Arc::clone(&issuer);
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let server = Arc::clone(&server);
                tokio::spawn(async move {
                    let mut request = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    let response = server.respond(&String::from_utf8_lossy(&request));
                    let _ = socket.write_all(response.as_bytes()).await;
                });
            }
        });
        issuer
    }

    fn respond(&self, request: &str) -> String {
        let path = request.split_whitespace().nth(1).unwrap_or("");
        let (status, body) = match path {
            "/.well-known/openid-configuration" => {
                let advertised = self.advertised_issuer.lock().unwrap().clone();
                let doc = json!({
                    "issuer": advertised.unwrap_or_else(|| self.url.clone()),
                    "jwks_uri": format!("{}/jwks", self.url),
                });
                ("200 OK", doc.to_string())
            }
            "/jwks" => {
                self.jwks_hits.fetch_add(1, Ordering::SeqCst);
                if self.jwks_fails.load(Ordering::SeqCst) {
                    ("500 Internal Server Error", "{}".to_owned())
                } else {
                    ("200 OK", self.jwks.lock().unwrap().clone())
                }
            }
            _ => ("404 Not Found", "{}".to_owned()),
        };
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    fn hits(&self) -> usize {
        self.jwks_hits.load(Ordering::SeqCst)
    }

    fn claims(&self) -> Value {
        let mut claims = valid_claims();
        claims["iss"] = json!(self.url);
        claims
    }
}

// Long enough that the "within the interval" steps never straddle it on a loaded CI machine.
const INTERVAL: Duration = Duration::from_secs(1);

async fn verifier_for(issuer: &FakeIssuer) -> Verifier {
    let config = VerifierConfig {
        min_refresh_interval: INTERVAL,
        ..VerifierConfig::default()
    };
    Verifier::from_oidc(&issuer.url, AUDIENCE, config).await.unwrap()
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_the_removed_key_stops_working() {
    let old = ec_key("k-old");
    let issuer = FakeIssuer::start(jwks(&[&old])).await;
    let verifier = verifier_for(&issuer).await;
    assert_eq!(issuer.hits(), 1);
    assert!(verifier.verify(Some(&sign(&old, &issuer.claims()))).await.is_ok());
    assert_eq!(issuer.hits(), 1, "a known kid must not trigger a fetch");

    let new = shared_rsa();
    *issuer.jwks.lock().unwrap() = jwks(&[new]);
    tokio::time::sleep(INTERVAL + Duration::from_millis(50)).await;
    let principal = verifier.verify(Some(&sign(new, &issuer.claims()))).await.unwrap();
    assert_eq!(principal.tenant, "acme");
    assert_eq!(issuer.hits(), 2);
    // The old kid is now unknown, and within the interval asking again fetches nothing.
    assert_eq!(reason(&verifier, &sign(&old, &issuer.claims())).await, "UNKNOWN_KEY");
    assert_eq!(issuer.hits(), 2);
}

#[tokio::test]
async fn unknown_kids_within_the_interval_cause_a_single_fetch_even_when_concurrent() {
    let issuer = FakeIssuer::start(jwks(&[&ec_key("k1")])).await;
    let verifier = verifier_for(&issuer).await;
    let stranger = sign(&ec_key("k-stranger"), &issuer.claims());
    tokio::time::sleep(INTERVAL + Duration::from_millis(50)).await;
    assert_eq!(reason(&verifier, &stranger).await, "UNKNOWN_KEY");
    assert_eq!(reason(&verifier, &stranger).await, "UNKNOWN_KEY");
    assert_eq!(issuer.hits(), 2, "two unknown kids in one interval: one refresh");

    let rotated = ec_key("k2");
    *issuer.jwks.lock().unwrap() = jwks(&[&rotated]);
    tokio::time::sleep(INTERVAL + Duration::from_millis(50)).await;
    let token = sign(&rotated, &issuer.claims());
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (verifier, token) = (verifier.clone(), token.clone());
        requests.spawn(async move { verifier.verify(Some(&token)).await });
    }
    while let Some(result) = requests.join_next().await {
        assert_eq!(result.unwrap().unwrap().subject, "user-1");
    }
    assert_eq!(issuer.hits(), 3, "eight concurrent requests for a new kid: one refresh");
}

#[tokio::test]
async fn a_failed_refresh_reports_keys_unavailable_counts_and_keeps_the_cached_keys() {
    let known = ec_key("k1");
    let issuer = FakeIssuer::start(jwks(&[&known])).await;
    let verifier = verifier_for(&issuer).await;
    issuer.jwks_fails.store(true, Ordering::SeqCst);
    tokio::time::sleep(INTERVAL + Duration::from_millis(50)).await;
    let stranger = sign(&ec_key("k-new"), &issuer.claims());
    assert_eq!(reason(&verifier, &stranger).await, "KEYS_UNAVAILABLE");
    assert_eq!(reason(&verifier, &stranger).await, "UNKNOWN_KEY");
    assert_eq!(issuer.hits(), 2);
    assert!(verifier.verify(Some(&sign(&known, &issuer.claims()))).await.is_ok());
}

#[tokio::test]
async fn discovery_naming_another_issuer_or_an_unreachable_issuer_is_refused() {
    let issuer = FakeIssuer::start(jwks(&[&ec_key("k1")])).await;
    *issuer.advertised_issuer.lock().unwrap() = Some("https://elsewhere.test".into());
    let err = Verifier::from_oidc(&issuer.url, AUDIENCE, VerifierConfig::default())
        .await
        .err()
        .unwrap();
    assert!(err.to_string().contains("elsewhere.test"), "{err}");

    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let err = Verifier::from_oidc(&url, AUDIENCE, VerifierConfig::default())
        .await
        .err()
        .unwrap();
    assert!(err.to_string().contains("openid-configuration"), "{err}");
}
