//! The rate-limit section: the Redis store and the default user budget, which are top-level keys
//! (`redis_url`, `rate_limit_cost_per_minute`; their environment names are fixed by the issue),
//! and the `[rate_limit]` table (`REOS_RATE_LIMIT__*`): budgets per tenant and per client IP,
//! per-role user budgets, and what to do when Redis does not answer.
use super::{ConfigError, ROLE_NAMES, redacted};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the rate limiter is configured with.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimitSettings {
    /// Redis for rate limits shared by every instance (`redis_url`, `REOS_REDIS_URL`); unset:
    /// in-process limits.
    #[serde(serialize_with = "redacted")]
    pub redis_url: Option<SecretString>,
    /// Default budget per user per minute in cost units (query complexity)
    /// (`rate_limit_cost_per_minute`, `REOS_RATE_LIMIT_COST_PER_MINUTE`); per-role overrides in
    /// `[rate_limit.roles]`.
    #[serde(rename = "rate_limit_cost_per_minute")]
    pub user_cost_per_minute: u64,
    /// Tenant and IP budgets, role overrides, Redis failure behaviour (`[rate_limit]`,
    /// `REOS_RATE_LIMIT__*`).
    #[serde(rename = "rate_limit")]
    pub limiter: LimiterSettings,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            redis_url: None,
            user_cost_per_minute: 100_000,
            limiter: LimiterSettings::default(),
        }
    }
}

/// What a request gets when the Redis limiter cannot be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnRedisError {
    /// Let the request through and count `decision="fail_open"` (the default).
    FailOpen,
    /// Refuse with HTTP 503 and `RATE_LIMITER_UNAVAILABLE`.
    FailClosed,
}

/// The `[rate_limit]` table: cost budgets (a cost unit is one point of async-graphql's query
/// complexity) and the limiter's behaviour.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimiterSettings {
    /// Meter requests at all (`REOS_RATE_LIMIT__ENABLED`); off only for load tests.
    pub enabled: bool,
    /// Budget per tenant per minute, all its users together (`REOS_RATE_LIMIT__TENANT_COST_PER_MINUTE`).
    pub tenant_cost_per_minute: u64,
    /// Budget per client IP per minute, spent before the token is verified
    /// (`REOS_RATE_LIMIT__IP_COST_PER_MINUTE`).
    pub ip_cost_per_minute: u64,
    /// Per-role user budgets replacing `rate_limit_cost_per_minute`, e.g. `viewer = 2000`
    /// (`[rate_limit.roles]`).
    pub roles: BTreeMap<String, u64>,
    /// `fail_open` (default) or `fail_closed` when Redis is unreachable (`REOS_RATE_LIMIT__ON_REDIS_ERROR`).
    pub on_redis_error: OnRedisError,
    /// How long one Redis round trip (including taking a pooled connection) may take, in ms.
    pub redis_timeout_ms: u64,
    /// Prefix of every Redis key the limiter writes.
    pub key_prefix: String,
    /// Take the client IP from `Forwarded` / `X-Forwarded-For`; only behind a proxy that sets them.
    pub trust_forwarded_for: bool,
}

impl Default for LimiterSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            tenant_cost_per_minute: 1_000_000,
            ip_cost_per_minute: 1_000_000,
            roles: BTreeMap::new(),
            on_redis_error: OnRedisError::FailOpen,
            redis_timeout_ms: 500,
            key_prefix: "reos:rl".into(),
            trust_forwarded_for: false,
        }
    }
}

impl RateLimitSettings {
    /// Unknown role names, zero budgets and a zero timeout are refused naming the field.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |field: &'static str, message: String| Err(ConfigError::Invalid { field, message });
        let l = &self.limiter;
        for (field, value) in [
            ("rate_limit_cost_per_minute", self.user_cost_per_minute),
            ("rate_limit.tenant_cost_per_minute", l.tenant_cost_per_minute),
            ("rate_limit.ip_cost_per_minute", l.ip_cost_per_minute),
            ("rate_limit.redis_timeout_ms", l.redis_timeout_ms),
        ] {
            if value == 0 {
                return invalid(field, "must be at least 1".into());
            }
        }
        for (role, budget) in &l.roles {
            if !ROLE_NAMES.contains(&role.as_str()) {
                return invalid(
                    "rate_limit.roles",
                    format!("`{role}` is not one of {}", ROLE_NAMES.join(", ")),
                );
            }
            if *budget == 0 {
                return invalid("rate_limit.roles", format!("`{role}` must be at least 1"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
