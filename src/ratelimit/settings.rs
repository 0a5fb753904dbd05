//! `[rate_limit]` settings: budgets per tenant and per client IP, per-role user budgets, and what
//! to do when Redis does not answer. The user default (`REOS_RATE_LIMIT_COST_PER_MINUTE`) and
//! `REOS_REDIS_URL` are top-level settings (their environment names are fixed by the issue).
use serde::Deserialize;
use std::collections::BTreeMap;

/// What a request gets when the Redis limiter cannot be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnRedisError {
    /// Let the request through and count `decision="fail_open"` (the default).
    FailOpen,
    /// Refuse with HTTP 503 and `RATE_LIMITER_UNAVAILABLE`.
    FailClosed,
}

/// Cost budgets; a cost unit is one point of async-graphql's query complexity.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Meter requests at all (`REOS_RATE_LIMIT__ENABLED`); off only for load tests.
    pub enabled: bool,
    /// Budget per tenant per minute, all its users together (`REOS_RATE_LIMIT__TENANT_COST_PER_MINUTE`).
    pub tenant_cost_per_minute: u64,
    /// Budget per client IP per minute, spent before the token is verified
    /// (`REOS_RATE_LIMIT__IP_COST_PER_MINUTE`).
    pub ip_cost_per_minute: u64,
    /// Per-role user budgets replacing `rate_limit_cost_per_minute`, e.g. `viewer = 2000`.
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

impl Default for RateLimitSettings {
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

const ROLES: [&str; 4] = ["viewer", "analyst", "operator", "admin"];

impl RateLimitSettings {
    /// Field-named problems: unknown role names, zero budgets, a zero timeout.
    pub fn problem(&self, user_default: u64) -> Option<(&'static str, String)> {
        if user_default == 0 {
            return Some(("rate_limit_cost_per_minute", "must be at least 1".into()));
        }
        if self.tenant_cost_per_minute == 0 {
            return Some(("rate_limit.tenant_cost_per_minute", "must be at least 1".into()));
        }
        if self.ip_cost_per_minute == 0 {
            return Some(("rate_limit.ip_cost_per_minute", "must be at least 1".into()));
        }
        if self.redis_timeout_ms == 0 {
            return Some(("rate_limit.redis_timeout_ms", "must be at least 1".into()));
        }
        for (role, budget) in &self.roles {
            if !ROLES.contains(&role.as_str()) {
                return Some((
                    "rate_limit.roles",
                    format!("`{role}` is not one of {}", ROLES.join(", ")),
                ));
            }
            if *budget == 0 {
                return Some(("rate_limit.roles", format!("`{role}` must be at least 1")));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigError, Settings};

    #[test]
    fn the_example_config_file_loads_with_its_rate_limit_section() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ops/reos.example.toml");
        let s = Settings::load(Some(&path)).unwrap();
        assert_eq!(s.rate_limit.on_redis_error, OnRedisError::FailOpen);
        assert_eq!(s.rate_limit_cost_per_minute, 100_000);
    }

    #[test]
    fn unknown_roles_and_empty_budgets_are_refused_naming_the_field() {
        let mut s = Settings::default();
        s.rate_limit.roles.insert("guest".into(), 10);
        assert!(matches!(
            s.validate(),
            Err(ConfigError::Invalid {
                field: "rate_limit.roles",
                ..
            })
        ));
        let s = Settings {
            rate_limit_cost_per_minute: 0,
            ..Settings::default()
        };
        assert!(matches!(
            s.validate(),
            Err(ConfigError::Invalid {
                field: "rate_limit_cost_per_minute",
                ..
            })
        ));
    }
}
