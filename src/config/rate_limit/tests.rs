//! Unit tests of `config::rate_limit`.
use super::*;
use crate::config::{ConfigError, Settings};

#[test]
fn the_example_config_file_loads_with_its_rate_limit_section() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ops/reos.example.toml");
    let s = Settings::load(Some(&path)).unwrap();
    assert_eq!(s.rate_limit.limiter.on_redis_error, OnRedisError::FailOpen);
    assert_eq!(s.rate_limit.user_cost_per_minute, 100_000);
}

#[test]
fn unknown_roles_and_empty_budgets_are_refused_naming_the_field() {
    let mut s = Settings::default();
    s.rate_limit.limiter.roles.insert("guest".into(), 10);
    assert!(matches!(
        s.validate(),
        Err(ConfigError::Invalid {
            field: "rate_limit.roles",
            ..
        })
    ));
    let mut s = Settings::default();
    s.rate_limit.user_cost_per_minute = 0;
    assert!(matches!(
        s.validate(),
        Err(ConfigError::Invalid {
            field: "rate_limit_cost_per_minute",
            ..
        })
    ));
}
