//! Rate limits over real HTTP, each scenario against the in-process limiter and against the real
//! Redis on 127.0.0.1:6379 (a unique key prefix per test): cost = query complexity, batches and
//! aliases counted, refused requests run nothing, per-role budgets, the IP budget before the token,
//! two instances sharing one budget, and a Redis of our own killed mid-test.
use crate::support::test_app::{Backend, TestApp, code, spawn_with};
use reos::auth::Role;
use reos::config::Settings;
use reos::ratelimit::OnRedisError;
use secrecy::SecretString;
use serde_json::{Value, json};
use std::time::Duration;

const SHARED_REDIS: &str = "127.0.0.1:6379";
const ME: &str = "{ me { subject role } }";
/// Costs 2001 (1 + 500 × 4): far more than `ME` (3).
const BIG: &str = "{ properties(first: 500) { edges { node { id name } } } }";

#[derive(Clone, Copy, Debug)]
pub enum Store {
    Memory,
    Redis,
}

/// None (and `SKIPPED`) when something a test needs is missing; a failure under `REOS_CI=1`.
pub fn missing(what: &str) -> Option<()> {
    crate::support::skip::missing(&format!("{what} is not available"));
    None
}

fn reachable(addr: &str) -> bool {
    std::net::TcpStream::connect_timeout(&addr.parse().unwrap(), Duration::from_millis(500)).is_ok()
}

/// A SQLite app with the given limiter store and a key prefix of its own.
pub async fn spawn(store: Store, adjust: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    let url = match store {
        Store::Redis if !reachable(SHARED_REDIS) => {
            missing("Redis on 127.0.0.1:6379")?;
            None
        }
        Store::Redis => Some(format!("redis://{SHARED_REDIS}")),
        Store::Memory => None,
    };
    let prefix = format!("reos:test:{}", uuid::Uuid::new_v4().simple());
    spawn_with(Backend::Sqlite, move |s| {
        s.rate_limit.redis_url = url.map(SecretString::from);
        s.rate_limit.limiter.key_prefix = prefix;
        adjust(s);
    })
    .await
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn num(&self, name: &str) -> u64 {
        let v = self
            .headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name}: {:?}", self.headers));
        v.to_str().unwrap().parse().unwrap()
    }
}

pub async fn post(app: &TestApp, token: Option<&str>, body: Value) -> Reply {
    let mut req = app.client.post(format!("{}/graphql", app.url)).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    Reply {
        status,
        headers,
        body: res.json().await.unwrap(),
    }
}

macro_rules! both_stores {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn in_process() {
                super::$name(super::Store::Memory).await;
            }
            #[tokio::test]
            async fn on_redis() {
                super::$name(super::Store::Redis).await;
            }
        }
    };
}
pub(crate) use both_stores;

async fn a_big_query_spends_more_than_me_and_the_429_says_when_to_retry(store: Store) {
    let Some(app) = spawn(store, |s| s.rate_limit.user_cost_per_minute = 6_000).await else {
        return;
    };
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Analyst);
    let first = post(&app, Some(&t), json!({"query": ME})).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.num("x-ratelimit-limit"), 6_000);
    assert!(first.num("x-ratelimit-remaining") >= 5_990, "{:?}", first.headers);
    assert!(first.num("x-ratelimit-reset") >= 1);
    for _ in 0..20 {
        assert_eq!(post(&app, Some(&t), json!({"query": ME})).await.status, 200);
    }
    let after_me = post(&app, Some(&t), json!({"query": ME}))
        .await
        .num("x-ratelimit-remaining");
    assert!(after_me >= 5_900, "22 × `me` spent little: {after_me} left");
    let big = post(&app, Some(&t), json!({"query": BIG})).await;
    assert_eq!(big.status, 200, "{}", big.body);
    let after_big = big.num("x-ratelimit-remaining");
    assert!(
        after_big <= after_me + 20 - 2_001,
        "one big query spent its 2001: {after_me} → {after_big}"
    );
    // About 3900 are left, refilling at 100 a second: the second or third big one is refused.
    let mut refused = post(&app, Some(&t), json!({"query": BIG})).await;
    for _ in 0..3 {
        if refused.status != 200 {
            break;
        }
        refused = post(&app, Some(&t), json!({"query": BIG})).await;
    }
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert_eq!(code(&refused.body), "RATE_LIMITED");
    assert_eq!(refused.body["errors"][0]["extensions"]["scope"], "user");
    let retry = refused.num("retry-after");
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    assert_eq!(refused.body["errors"][0]["extensions"]["retryAfterSeconds"], retry);
    assert_eq!(refused.num("x-ratelimit-limit"), 6_000);
    // A cheap query still fits, the budget is spent in cost, not requests.
    assert_eq!(post(&app, Some(&t), json!({"query": ME})).await.status, 200);
}
both_stores!(a_big_query_spends_more_than_me_and_the_429_says_when_to_retry);

async fn batches_and_aliases_pay_for_every_operation_and_a_refused_batch_runs_nothing(store: Store) {
    let Some(app) = spawn(store, |s| {
        s.rate_limit.user_cost_per_minute = 5_000;
        s.rate_limit.limiter.roles.insert("operator".into(), 30);
    })
    .await
    else {
        return;
    };
    app.tenant("alpha").await;
    let analyst = app.token("alpha", Role::Analyst);
    // Each operation alone fits in 5000; three together (6003) do not.
    let one = post(&app, Some(&analyst), json!({"query": BIG})).await;
    assert_eq!(one.status, 200, "{}", one.body);
    let viewer = app.token("alpha", Role::Viewer);
    let batch = post(
        &app,
        Some(&viewer),
        json!([{"query": BIG}, {"query": BIG}, {"query": BIG}]),
    )
    .await;
    assert_eq!(batch.status, 429, "{}", batch.body);
    let admin = app.token("alpha", Role::Admin);
    let aliased = format!("{{ a: {0} b: {0} c: {0} }}", &BIG[2..BIG.len() - 2]);
    let aliased = post(&app, Some(&admin), json!({"query": aliased})).await;
    assert_eq!(aliased.status, 429, "aliases count: {}", aliased.body);
    // Ten createProperty mutations (4 each) cost more than the operator's 30: refused whole.
    let op = app.token("alpha", Role::Operator);
    let create = json!({"query": "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id name } } }",
        "variables": {"i": {"address": {"line1": "1 Main St", "city": "Ames", "state": "IA"}, "propertyType": "SINGLE_FAMILY"}}});
    let refused = post(&app, Some(&op), Value::Array(vec![create.clone(); 10])).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    let count = app.data(&analyst, "{ properties { totalCount } }", json!({})).await;
    assert_eq!(
        count["properties"]["totalCount"], 0,
        "no mutation of the refused batch ran"
    );
    let single = post(&app, Some(&op), create).await;
    assert_eq!(
        single.status, 200,
        "one mutation fits the operator's 30: {}",
        single.body
    );
}
both_stores!(batches_and_aliases_pay_for_every_operation_and_a_refused_batch_runs_nothing);

async fn a_role_override_replaces_the_default_user_budget(store: Store) {
    let Some(app) = spawn(store, |s| {
        s.rate_limit.user_cost_per_minute = 5_000;
        s.rate_limit.limiter.roles.insert("viewer".into(), 2_000);
    })
    .await
    else {
        return;
    };
    app.tenant("alpha").await;
    let viewer = post(&app, Some(&app.token("alpha", Role::Viewer)), json!({"query": ME})).await;
    assert_eq!(viewer.num("x-ratelimit-limit"), 2_000);
    let analyst = post(&app, Some(&app.token("alpha", Role::Analyst)), json!({"query": ME})).await;
    assert_eq!(analyst.num("x-ratelimit-limit"), 5_000);
    // 2001 is over the viewer's whole budget: refused for good, and said so.
    let big = post(&app, Some(&app.token("alpha", Role::Viewer)), json!({"query": BIG})).await;
    assert_eq!(big.status, 429);
    assert_eq!(big.body["errors"][0]["extensions"]["reason"], "COST_EXCEEDS_BUDGET");
}
both_stores!(a_role_override_replaces_the_default_user_budget);

async fn the_ip_budget_is_spent_before_the_token_is_checked(store: Store) {
    let Some(app) = spawn(store, |s| s.rate_limit.limiter.ip_cost_per_minute = 30).await else {
        return;
    };
    app.tenant("alpha").await;
    let mut statuses = Vec::new();
    // Before the token is checked nothing of the request is read, so each costs the same constant.
    let per_request = reos::http::rate_limit::UNAUTHENTICATED_COST as usize;
    let allowed = 30 / per_request;
    for _ in 0..allowed + 2 {
        let r = post(&app, Some("not-a-token"), json!({"query": ME})).await;
        if r.status == 401 {
            assert_eq!(r.num("x-ratelimit-limit"), 30, "the IP budget is reported on a 401 too");
        }
        statuses.push(r.status);
    }
    assert!(statuses[..allowed].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(&statuses[allowed..], &[429, 429], "{statuses:?}");
    // A valid token from the same address is refused before it is even verified.
    let r = post(&app, Some(&app.token("alpha", Role::Admin)), json!({"query": ME})).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.body["errors"][0]["extensions"]["scope"], "ip");
}
both_stores!(the_ip_budget_is_spent_before_the_token_is_checked);

#[tokio::test]
async fn two_instances_on_one_redis_share_one_budget() {
    let Some(a) = spawn(Store::Redis, |s| s.rate_limit.user_cost_per_minute = 5_000).await else {
        return;
    };
    a.tenant("alpha").await;
    let dir = a.state.settings.server.data_dir.clone();
    let prefix = a.state.settings.rate_limit.limiter.key_prefix.clone();
    // The same database and dev keys (so the same tenant id and subject), the same Redis keys.
    let b = spawn(Store::Redis, move |s| {
        s.rate_limit.user_cost_per_minute = 5_000;
        s.server.data_dir = dir;
        s.rate_limit.limiter.key_prefix = prefix;
    })
    .await
    .unwrap();
    let t = a.token("alpha", Role::Analyst);
    let on_a = post(&a, Some(&t), json!({"query": BIG})).await;
    assert_eq!(on_a.status, 200, "{}", on_a.body);
    let on_b = post(&b, Some(&t), json!({"query": BIG})).await;
    assert_eq!(on_b.status, 200, "{}", on_b.body);
    assert!(
        on_b.num("x-ratelimit-remaining") < 1_100,
        "b saw a's spending: {:?}",
        on_b.headers
    );
    let third = post(&a, Some(&t), json!({"query": BIG})).await;
    assert_eq!(third.status, 429, "the shared 5000 is spent across both instances");
    assert_eq!(post(&b, Some(&t), json!({"query": BIG})).await.status, 429);
}

/// A redis-server of our own on a free port in 16390..=16399, killed on drop.
struct OwnRedis {
    child: std::process::Child,
    port: u16,
}

impl OwnRedis {
    fn start() -> Option<Self> {
        let port = (16390..=16399).find(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())?;
        Self::on(port)
    }

    fn on(port: u16) -> Option<Self> {
        let child = match std::process::Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(std::process::Stdio::null())
            .spawn()
        {
            Ok(c) => c,
            Err(_) => {
                missing("redis-server")?;
                return None;
            }
        };
        let me = Self { child, port };
        for _ in 0..50 {
            if reachable(&me.addr()) {
                return Some(me);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("redis-server on port {port} did not start");
    }

    fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn scrape(app: &TestApp) -> String {
    app.client
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn when_redis_dies_fail_open_keeps_answering_and_fail_closed_refuses_clearly() {
    let Some(mut redis) = OwnRedis::start() else { return };
    let url = format!("redis://{}", redis.addr());
    let (u1, u2) = (url.clone(), url);
    let open = spawn_with(Backend::Sqlite, move |s| {
        s.rate_limit.redis_url = Some(SecretString::from(u1));
        s.rate_limit.limiter.redis_timeout_ms = 300;
    })
    .await
    .unwrap();
    let dir = open.state.settings.server.data_dir.clone();
    let closed = spawn_with(Backend::Sqlite, move |s| {
        s.rate_limit.redis_url = Some(SecretString::from(u2));
        s.rate_limit.limiter.on_redis_error = OnRedisError::FailClosed;
        s.rate_limit.limiter.redis_timeout_ms = 300;
        s.server.data_dir = dir;
    })
    .await
    .unwrap();
    open.tenant("alpha").await;
    let t = open.token("alpha", Role::Analyst);
    for app in [&open, &closed] {
        let r = post(app, Some(&t), json!({"query": ME})).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.headers.contains_key("x-ratelimit-remaining"));
    }

    redis.stop();
    let fail_open_before = fail_open_count(&scrape(&open).await);
    for _ in 0..3 {
        let r = post(&open, Some(&t), json!({"query": ME})).await;
        assert_eq!(r.status, 200, "fail-open answers: {}", r.body);
        assert_eq!(r.body["data"]["me"]["role"], "ANALYST");
    }
    let fail_open_after = fail_open_count(&scrape(&open).await);
    assert!(
        fail_open_after >= fail_open_before + 3,
        "{fail_open_before} → {fail_open_after}"
    );
    let r = post(&closed, Some(&t), json!({"query": ME})).await;
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(code(&r.body), "RATE_LIMITER_UNAVAILABLE");
    assert!(r.headers.contains_key("retry-after"));
    // Both still serve everything else.
    for app in [&open, &closed] {
        let h = app.client.get(format!("{}/healthz", app.url)).send().await.unwrap();
        assert_eq!(h.status(), 200);
    }
    // Redis comes back (empty: no keys, no cached script): limiting resumes without a restart.
    let port = redis.port;
    drop(redis);
    let _back = OwnRedis::on(port).unwrap();
    let r = post(&closed, Some(&t), json!({"query": ME})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.headers.contains_key("x-ratelimit-remaining"));
}

/// `reos_rate_limit_decisions_total{decision="fail_open",scope="ip"}` from a scrape.
fn fail_open_count(text: &str) -> u64 {
    text.lines()
        .find(|l| {
            l.starts_with("reos_rate_limit_decisions_total{")
                && l.contains("decision=\"fail_open\"")
                && l.contains("scope=\"ip\"")
        })
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0, |v| v.parse().unwrap())
}
