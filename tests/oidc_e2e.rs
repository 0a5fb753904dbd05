//! Real OIDC end to end: npm oidc-provider (tests/oidc/issuer.mjs) serves discovery, JWKS and a
//! token endpoint on loopback and issues RS256 client-credentials JWT access tokens with tenant and
//! roles claims. reos finds the keys by discovery, accepts those tokens, and picks up a key rotation
//! (new kid, old kid removed from the JWKS) without a restart; tokens signed by the removed key are
//! refused, a cached one once the verified-token cache window has passed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{Value, json};
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::node;
use support::test_app::{Backend, TestApp, code, spawn_with};

/// The issuer process; killed when dropped.
struct Issuer {
    child: Child,
    url: String,
    http: reqwest::Client,
}

impl Drop for Issuer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Issuer {
    async fn start(dir: std::path::PathBuf) -> Self {
        let mut child = Command::new("node")
            .arg(dir.join("issuer.mjs"))
            .args(["0", "reos"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node starts");
        let stdout = child.stdout.take().unwrap();
        let line = tokio::time::timeout(
            Duration::from_secs(60),
            tokio::task::spawn_blocking(move || {
                let mut line = String::new();
                std::io::BufReader::new(stdout).read_line(&mut line).map(|_| line)
            }),
        )
        .await
        .expect("the issuer starts within a minute")
        .unwrap()
        .unwrap();
        let hello: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("issuer said {line:?}: {e}"));
        Self {
            child,
            url: hello["issuer"].as_str().unwrap().to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// A client-credentials access token for one of the issuer's clients.
    async fn token(&self, client_id: &str) -> String {
        let res = self
            .http
            .post(format!("{}/token", self.url))
            .basic_auth(client_id, Some("reos-test-secret"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials&resource=urn%3Areos%3Aapi")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "token endpoint");
        let body: Value = res.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// Swaps the signing key; the old kid leaves the JWKS. Returns the new kid.
    async fn rotate(&self) -> String {
        let res = self
            .http
            .post(format!("{}/admin/rotate", self.url))
            .send()
            .await
            .unwrap();
        let body: Value = res.json().await.unwrap();
        body["kid"].as_str().unwrap().to_owned()
    }
}

/// The `kid` in a JWT's header.
fn kid(token: &str) -> String {
    use base64::Engine;
    let header = token.split('.').next().unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(header).unwrap();
    serde_json::from_slice::<Value>(&bytes).unwrap()["kid"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn me(app: &TestApp, token: &str) -> (u16, Value) {
    app.gql(Some(token), "{ me { subject role tenant { slug } } }", json!({}))
        .await
}

async fn reos_for(issuer: &Issuer, min_refresh_secs: u64) -> TestApp {
    let url = issuer.url.clone();
    let app = spawn_with(Backend::Sqlite, move |s| {
        s.auth.issuer = Some(url);
        s.auth.audience = "reos".into();
        s.auth.jwks_min_refresh_secs = min_refresh_secs;
    })
    .await
    .unwrap();
    app.tenant("acme").await;
    app
}

#[tokio::test]
async fn tokens_from_a_real_oidc_issuer_are_accepted_and_a_key_rotation_is_picked_up_without_restart() {
    let Some(dir) = node::tool_dir("oidc", "oidc-provider") else {
        return;
    };
    let issuer = Issuer::start(dir).await;
    let app = reos_for(&issuer, 1).await;
    // A second instance with the default one-minute refetch throttle, started before the rotation.
    let throttled = reos_for(&issuer, 60).await;

    let analyst = issuer.token("acme-analyst").await;
    let (status, body) = me(&app, &analyst).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["me"],
        json!({"subject": "acme-analyst", "role": "ANALYST", "tenant": {"slug": "acme"}})
    );
    let (status, body) = me(&app, &issuer.token("acme-admin").await).await;
    assert_eq!((status, &body["data"]["me"]["role"]), (200, &json!("ADMIN")), "{body}");
    let (status, body) = me(&app, &issuer.token("globex-viewer").await).await;
    assert_eq!(
        (status, code(&body)),
        (401, "UNAUTHENTICATED"),
        "tenant globex does not exist: {body}"
    );

    // Signed by the first key but never shown to reos, so not in its verified-token cache.
    let old_unseen = issuer.token("acme-admin").await;
    let new_kid = issuer.rotate().await;
    assert_ne!(new_kid, kid(&analyst));
    let fresh = issuer.token("acme-analyst").await;
    assert_eq!(kid(&fresh), new_kid, "the issuer signs with the new key");
    tokio::time::sleep(Duration::from_millis(1100)).await;

    let (status, body) = me(&app, &fresh).await;
    assert_eq!(status, 200, "the new key is fetched on its unknown kid: {body}");
    let (status, body) = me(&app, &old_unseen).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "UNKNOWN_KEY", "{body}");

    // The instance that refetched at startup under a minute ago may not refetch yet.
    let (status, body) = me(&throttled, &fresh).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "UNKNOWN_KEY", "{body}");

    // The token verified before the rotation is answered from the cache (30 s), then refused.
    let started = Instant::now();
    loop {
        let (status, body) = me(&app, &analyst).await;
        if status == 401 {
            assert_eq!(body["errors"][0]["extensions"]["reason"], "UNKNOWN_KEY", "{body}");
            break;
        }
        assert_eq!(status, 200, "{body}");
        assert!(
            started.elapsed() < Duration::from_secs(40),
            "old-key token still accepted after 40 s"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    println!("the cached old-key token was refused after {:?}", started.elapsed());
}
