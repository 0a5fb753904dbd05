//! The web section (top-level keys): what browsers on other origins may do (`cors_origins`,
//! `cors_max_age_secs`), when responses are compressed (`compression_min_bytes`) and the
//! `Cache-Control` of authenticated answers (`http_cache_control`). docs/web-app.md explains them.
use super::ConfigError;
use serde::{Deserialize, Deserializer, Serialize};

/// How reos answers browsers and caches.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct WebSettings {
    /// Origins (`scheme://host[:port]`, exactly as a browser sends them) whose pages may call
    /// reos (`cors_origins`, `REOS_CORS_ORIGINS` comma-separated). Empty (the default): no
    /// cross-origin browser access at all.
    #[serde(deserialize_with = "list_or_commas")]
    pub cors_origins: Vec<String>,
    /// How long a browser may reuse a preflight's answer, in seconds (`cors_max_age_secs`).
    pub cors_max_age_secs: u64,
    /// Responses of at least this many bytes are compressed (gzip or brotli, as `Accept-Encoding`
    /// asks); smaller ones are sent as they are (`compression_min_bytes`).
    pub compression_min_bytes: usize,
    /// `Cache-Control` of successful GET queries (`http_cache_control`); every other answer of
    /// `/graphql` and `/documents` is `private, no-store`. Must stay `private` or `no-store`:
    /// the answers depend on the token.
    pub http_cache_control: String,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self {
            cors_origins: Vec::new(),
            cors_max_age_secs: 600,
            compression_min_bytes: 1024,
            http_cache_control: NO_STORE.into(),
        }
    }
}

/// The `Cache-Control` of every authenticated answer but successful GET queries.
pub const NO_STORE: &str = "private, no-store";

/// A TOML list, or one string of comma-separated items (how an environment variable gives it).
fn list_or_commas<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        List(Vec<String>),
        Text(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::List(items) => items,
        Raw::Text(text) => text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

impl WebSettings {
    /// Every origin exact (no wildcard, path or trailing slash), the cache policy private.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        for origin in &self.cors_origins {
            if let Err(problem) = check_origin(origin) {
                return Err(ConfigError::Invalid {
                    field: "cors_origins",
                    message: format!("`{origin}` {problem}"),
                });
            }
        }
        let policy = self.http_cache_control.to_ascii_lowercase();
        if policy.contains("public") || !(policy.contains("private") || policy.contains("no-store")) {
            return Err(ConfigError::Invalid {
                field: "http_cache_control",
                message: format!(
                    "`{}` must say `private` or `no-store`: answers depend on the caller's token",
                    self.http_cache_control
                ),
            });
        }
        Ok(())
    }
}

/// Whether `origin` is one exact web origin as browsers send it in `Origin`.
fn check_origin(origin: &str) -> Result<(), &'static str> {
    if origin == "*" || origin.contains('*') {
        return Err("is a wildcard: list each origin");
    }
    let Some((scheme, rest)) = origin.split_once("://") else {
        return Err("is not an origin (`https://app.example.com`)");
    };
    if scheme != "http" && scheme != "https" {
        return Err("must start with http:// or https://");
    }
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Err("must be scheme://host[:port], without a path, a trailing slash or credentials");
    }
    if rest.chars().any(|c| c.is_ascii_uppercase()) {
        return Err("must be lower case, as browsers send it");
    }
    if let Some((_, port)) = rest.rsplit_once(':')
        && !rest.ends_with(']')
        && port.parse::<u16>().is_err()
    {
        return Err("has a port that is not a number");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
