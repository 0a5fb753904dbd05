//! Cost-based rate limiting: a request spends its operations' complexity (priced by the GraphQL
//! layer) from GCRA budgets per client IP (before authentication), per tenant and per user
//! (after). Two stores with one algorithm: in-process ([`memory`], the embedded default) and Redis
//! ([`redis`], shared by every instance). The HTTP edge that uses it lives in the HTTP layer.
pub mod gcra;
pub mod memory;
pub mod redis;

use crate::auth::Role;
pub use crate::config::OnRedisError;
use crate::config::{LimiterSettings, Settings};
use crate::telemetry::metrics;
use gcra::KeyVerdict;
use secrecy::ExposeSecret;
use std::time::Duration;

/// Budgets are per minute.
pub const PERIOD_MS: u64 = 60_000;

/// Which budget a key belongs to (the `scope` label of the decision metric).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Ip,
    Tenant,
    User,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Ip => "ip",
            Scope::Tenant => "tenant",
            Scope::User => "user",
        }
    }
}

/// One budget to spend from.
#[derive(Debug, Clone)]
pub struct Check {
    pub scope: Scope,
    pub key: String,
    pub limit: u64,
}

/// What the caller learns: the tightest of the checked budgets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// The budget that decided: the refusing one, or the one with the least left.
    pub scope: Scope,
    pub limit: u64,
    pub remaining: u64,
    pub reset_ms: u64,
    pub retry_after_ms: u64,
    /// The cost is larger than the whole budget: waiting will not help.
    pub exceeds_budget: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Allowed(Decision),
    Limited(Decision),
    /// The store could not be asked; `fail_open` says whether the request goes through.
    Unavailable {
        fail_open: bool,
    },
}

enum Store {
    Off,
    Memory(memory::MemoryStore),
    Redis(redis::RedisStore),
}

/// Why the limiter could not be built.
#[derive(Debug, thiserror::Error)]
pub enum LimiterError {
    #[error("redis_url: {0}")]
    RedisUrl(#[from] deadpool_redis::CreatePoolError),
}

pub struct RateLimiter {
    store: Store,
    settings: LimiterSettings,
    user_default: u64,
}

impl RateLimiter {
    /// Redis when `redis_url` is set, otherwise in-process; nothing when `rate_limit.enabled` is off.
    pub fn from_settings(s: &Settings) -> Result<Self, LimiterError> {
        let rl = &s.rate_limit;
        let store = match (&rl.redis_url, rl.limiter.enabled) {
            (_, false) => Store::Off,
            (Some(url), true) => Store::Redis(redis::RedisStore::new(
                url.expose_secret(),
                Duration::from_millis(rl.limiter.redis_timeout_ms),
            )?),
            (None, true) => Store::Memory(memory::MemoryStore::new(Box::<memory::SystemClock>::default())),
        };
        Ok(Self {
            store,
            settings: rl.limiter.clone(),
            user_default: rl.user_cost_per_minute,
        })
    }

    pub fn settings(&self) -> &LimiterSettings {
        &self.settings
    }

    pub fn enabled(&self) -> bool {
        !matches!(self.store, Store::Off)
    }

    /// The pre-authentication budget of a client IP.
    pub fn ip_check(&self, ip: &str) -> Check {
        Check {
            scope: Scope::Ip,
            key: format!("{}:ip:{ip}", self.settings.key_prefix),
            limit: self.settings.ip_cost_per_minute,
        }
    }

    /// The tenant's budget and the user's (by the user's highest role). The subject is hashed so
    /// that no identifier (it may be an e-mail address) is written to Redis.
    pub fn principal_checks(&self, tenant: uuid::Uuid, subject: &str, role: Role) -> [Check; 2] {
        let prefix = &self.settings.key_prefix;
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, subject.as_bytes());
        let user: String = digest.as_ref()[..12].iter().map(|b| format!("{b:02x}")).collect();
        let user_limit = self
            .settings
            .roles
            .get(role.as_str())
            .copied()
            .unwrap_or(self.user_default);
        [
            Check {
                scope: Scope::Tenant,
                key: format!("{prefix}:tenant:{tenant}"),
                limit: self.settings.tenant_cost_per_minute,
            },
            Check {
                scope: Scope::User,
                key: format!("{prefix}:user:{tenant}:{user}"),
                limit: user_limit,
            },
        ]
    }

    /// Spends `cost` from every budget in `checks` at once, or from none. `None` when limiting is off.
    pub async fn check(&self, checks: &[Check], cost: u64) -> Option<Outcome> {
        if let Some(c) = checks.iter().find(|c| cost > c.limit) {
            record(checks, None, Some(c.scope));
            return Some(Outcome::Limited(Decision {
                scope: c.scope,
                limit: c.limit,
                remaining: 0,
                reset_ms: PERIOD_MS,
                retry_after_ms: PERIOD_MS,
                exceeds_budget: true,
            }));
        }
        let keys: Vec<(&str, u64)> = checks.iter().map(|c| (c.key.as_str(), c.limit)).collect();
        let (allowed, verdicts) = match &self.store {
            Store::Off => return None,
            Store::Memory(m) => m.decide(PERIOD_MS as f64, cost, &keys),
            Store::Redis(r) => match r.decide(PERIOD_MS, cost, &keys).await {
                Ok(v) => v,
                Err(e) => {
                    let fail_open = self.settings.on_redis_error == OnRedisError::FailOpen;
                    let decision = if fail_open { "fail_open" } else { "fail_closed" };
                    tracing::warn!(error = %e, decision, "rate limiter unavailable");
                    if let Some(m) = metrics::get() {
                        for c in checks {
                            m.rate_limit_decisions
                                .with_label_values(&[c.scope.as_str(), decision])
                                .inc();
                        }
                    }
                    return Some(Outcome::Unavailable { fail_open });
                }
            },
        };
        let decision = tightest(checks, &verdicts, allowed);
        record(checks, Some((allowed, &verdicts)), None);
        Some(if allowed {
            Outcome::Allowed(decision)
        } else {
            Outcome::Limited(decision)
        })
    }
}

/// The refusing budget with the longest wait, or (allowed) the one with the least left.
fn tightest(checks: &[Check], verdicts: &[KeyVerdict], allowed: bool) -> Decision {
    let pick = checks
        .iter()
        .zip(verdicts)
        .filter(|(_, v)| allowed || !v.allowed)
        .min_by_key(|(_, v)| {
            if allowed {
                v.remaining
            } else {
                u64::MAX - v.retry_after_ms
            }
        });
    match pick {
        Some((c, v)) => Decision {
            scope: c.scope,
            limit: c.limit,
            remaining: v.remaining,
            reset_ms: v.reset_ms,
            retry_after_ms: v.retry_after_ms,
            exceeds_budget: false,
        },
        None => Decision {
            scope: Scope::User,
            limit: 0,
            remaining: 0,
            reset_ms: 0,
            retry_after_ms: 0,
            exceeds_budget: false,
        },
    }
}

/// `reos_rate_limit_decisions_total`: per checked scope, `limited` where that budget refused,
/// `allowed` where the request went through.
fn record(checks: &[Check], verdicts: Option<(bool, &[KeyVerdict])>, over_budget: Option<Scope>) {
    let Some(m) = metrics::get() else { return };
    for (i, c) in checks.iter().enumerate() {
        let label = match (verdicts, over_budget) {
            (_, Some(s)) if s == c.scope => "limited",
            (Some((true, _)), _) => "allowed",
            (Some((false, v)), _) if !v[i].allowed => "limited",
            _ => continue,
        };
        m.rate_limit_decisions
            .with_label_values(&[c.scope.as_str(), label])
            .inc();
    }
}
