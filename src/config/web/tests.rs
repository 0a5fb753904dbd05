//! Unit tests of `config::web`.
use crate::config::{ConfigError, Settings};

fn with_origins(origins: &[&str]) -> Result<(), ConfigError> {
    let mut s = Settings::default();
    s.web.cors_origins = origins.iter().map(|o| (*o).to_owned()).collect();
    s.validate()
}

#[test]
fn exact_origins_are_accepted() {
    with_origins(&["https://app.example.com", "http://127.0.0.1:5173", "http://[::1]:8080"]).unwrap();
    with_origins(&[]).unwrap();
}

#[test]
fn wildcards_paths_and_non_origins_are_refused_naming_the_field() {
    for bad in [
        "*",
        "https://*.example.com",
        "https://app.example.com/",
        "https://app.example.com/path",
        "app.example.com",
        "ftp://app.example.com",
        "https://user@app.example.com",
        "https://App.example.com",
        "http://127.0.0.1:port",
        "https://",
    ] {
        match with_origins(&[bad]) {
            Err(ConfigError::Invalid { field, message }) => {
                assert_eq!(field, "cors_origins", "{bad}");
                assert!(message.contains(bad), "{bad}: {message}");
            }
            other => panic!("{bad} accepted: {other:?}"),
        }
    }
}

#[test]
fn a_public_cache_policy_is_refused() {
    for bad in ["public, max-age=60", "max-age=60"] {
        let mut s = Settings::default();
        s.web.http_cache_control = bad.into();
        assert!(
            matches!(
                s.validate(),
                Err(ConfigError::Invalid {
                    field: "http_cache_control",
                    ..
                })
            ),
            "{bad}"
        );
    }
    let mut s = Settings::default();
    s.web.http_cache_control = "private, max-age=60".into();
    s.validate().unwrap();
}

#[test]
fn the_environment_gives_origins_comma_separated() {
    let vars = [("REOS_CORS_ORIGINS", " https://a.example ,http://127.0.0.1:3000,")]
        .map(|(k, v)| (std::ffi::OsString::from(k), std::ffi::OsString::from(v)));
    let s = Settings::load_with_env(None, vars).unwrap();
    assert_eq!(s.web.cors_origins, ["https://a.example", "http://127.0.0.1:3000"]);
}
