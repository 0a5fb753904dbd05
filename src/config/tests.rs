//! Unit tests of `config`: defaults and cross-field rules here, the file and environment layout
//! in `tests/wire.rs`.
use super::*;

mod wire;

#[test]
fn defaults_are_the_embedded_laptop_setup() {
    let s = Settings::default();
    assert_eq!(s.server.listen, "127.0.0.1:8080");
    assert!(s.database.url.is_none());
    assert!(s.dev_auth_enabled());
    assert!(s.validate().is_ok());
}

#[test]
fn dev_auth_with_an_issuer_is_refused() {
    let mut s = Settings::default();
    s.auth.dev_auth = Some(true);
    s.auth.issuer = Some("https://id.example".into());
    assert!(matches!(
        s.validate(),
        Err(ConfigError::Invalid { field: "dev_auth", .. })
    ));
}

#[test]
fn a_bad_sentry_dsn_or_rate_is_refused_by_name() {
    let mut bad_dsn = Settings::default();
    bad_dsn.telemetry.sentry_dsn = Some(SecretString::from("not a dsn"));
    assert!(matches!(
        bad_dsn.validate(),
        Err(ConfigError::Invalid {
            field: "sentry_dsn",
            ..
        })
    ));
    let mut bad_rate = Settings::default();
    bad_rate.telemetry.sentry_traces_sample_rate = 1.5;
    assert!(matches!(
        bad_rate.validate(),
        Err(ConfigError::Invalid {
            field: "sentry_traces_sample_rate",
            ..
        })
    ));
}

#[test]
fn an_issuer_turns_dev_auth_off() {
    let mut s = Settings::default();
    s.auth.issuer = Some("https://id.example".into());
    assert!(!s.dev_auth_enabled());
}

#[test]
fn production_without_an_issuer_is_refused() {
    let mut s = Settings::default();
    s.server.environment = Environment::Production;
    assert!(matches!(
        s.validate(),
        Err(ConfigError::Invalid {
            field: "oidc_issuer",
            ..
        })
    ));
    s.auth.issuer = Some("https://id.example".into());
    assert!(s.validate().is_ok());
}

#[test]
fn role_names_are_the_auth_roles() {
    let roles: Vec<&str> = crate::auth::Role::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(roles, ROLE_NAMES);
}
