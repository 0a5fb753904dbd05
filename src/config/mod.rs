//! Settings in layers: built-in defaults → optional TOML file (`--config` / `REOS_CONFIG`) →
//! `REOS_*` environment. Code reads nested sections (`settings.database.url`); the file and the
//! environment keep their flat names (`database_url`, `REOS_DATABASE_URL`) and the `[graphql]`,
//! `[rate_limit]` and `[pipeline]` tables (`REOS_GRAPHQL__MAX_DEPTH`).
//!
//! Where a field sits on the wire is said once, by serde attributes: sections flattened into
//! [`Settings`] give top-level keys (`rename` keeps the old names), the others are tables.
//! `keys.rs` reads the key list off those attributes and `env.rs` maps the environment onto it.
//! Every field is documented in its section's file; README.md carries the same table.
mod auth;
mod database;
mod env;
mod graph;
mod graphql;
mod jobs;
mod keys;
mod market;
mod pipeline;
mod rate_limit;
mod server;
mod storage;
mod telemetry;
#[cfg(test)]
mod tests;
mod web;

pub use auth::AuthSettings;
pub use database::DatabaseSettings;
pub use graph::GraphSettings;
pub use graphql::{GraphqlSettings, PersistedQueries, ResponseCacheSettings};
pub use jobs::{JobSettings, KINDS as JOB_KINDS, Schedule as JobSchedule};
pub use market::MarketSettings;
pub use pipeline::PipelineFiles;
pub use rate_limit::{LimiterSettings, OnRedisError, RateLimitSettings};
pub use server::{Environment, ServerSettings};
pub use storage::StorageSettings;
pub use telemetry::{LogFormat, TelemetrySettings};
pub use web::{NO_STORE, WebSettings};

use figment::Figment;
use figment::providers::{Format, Toml};
use secrecy::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Role names a per-role setting may use (`[graphql.role_max_complexity]`, `[rate_limit.roles]`):
/// the words of `auth::Role` (a test keeps the two equal).
pub const ROLE_NAMES: [&str; 4] = ["viewer", "analyst", "operator", "admin"];

/// All of reos's configuration. The serde attributes are the wire layout: a flattened section's
/// fields are top-level keys, the others are `[tables]`; [`Settings::load`] reads it back.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Settings {
    /// Listeners, data folder, demo seed, environment, shutdown (top-level keys).
    #[serde(flatten)]
    pub server: ServerSettings,
    /// PostgreSQL URLs and pool size (`database_*`).
    #[serde(flatten)]
    pub database: DatabaseSettings,
    /// OIDC token verification and development tokens (`oidc_*`, `dev_auth`).
    #[serde(flatten)]
    pub auth: AuthSettings,
    /// GraphQL protection limits (`[graphql]` table, `REOS_GRAPHQL__*`).
    pub graphql: GraphqlSettings,
    /// Redis, the user default (top-level keys) and the `[rate_limit]` table.
    #[serde(flatten)]
    pub rate_limit: RateLimitSettings,
    /// Document storage and upload limits (`object_store_*`, `document_*`).
    #[serde(flatten)]
    pub storage: StorageSettings,
    /// The Neo4j mirror of the ownership graph (`neo4j_*`).
    #[serde(flatten)]
    pub graph: GraphSettings,
    /// Log format and Sentry (`log_format`, `sentry_*`).
    #[serde(flatten)]
    pub telemetry: TelemetrySettings,
    /// Property pipeline files and lineage (`[pipeline]` table, `REOS_PIPELINE__*`).
    pub pipeline: PipelineFiles,
    /// The market regime detector (`[market]` table, `REOS_MARKET__*`).
    pub market: MarketSettings,
    /// The background job worker and its schedules (`[jobs]` table, `REOS_JOBS__*`).
    pub jobs: JobSettings,
    /// Browsers and caches: CORS, compression, `Cache-Control` (`cors_*`, `compression_min_bytes`,
    /// `http_cache_control`).
    #[serde(flatten)]
    pub web: WebSettings,
}

/// Why settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The layers do not fit the settings (a bad value, a wrong type); names the key and where
    /// it came from.
    #[error("configuration: {0}")]
    Load(Box<figment::Error>),
    #[error("configuration field `{field}`: {message}")]
    Invalid { field: &'static str, message: String },
    #[error("configuration: unknown key `{key}` in {origin} (ops/reos.example.toml lists every key)")]
    UnknownKey { key: String, origin: String },
    #[error("configuration layout: {0}")]
    Layout(String),
}

// Not `#[from]`: that would also make the figment error the `source`, and `{:#}` would print it
// twice.
impl From<Box<figment::Error>> for ConfigError {
    fn from(e: Box<figment::Error>) -> Self {
        ConfigError::Load(e)
    }
}

impl From<figment::Error> for ConfigError {
    fn from(e: figment::Error) -> Self {
        ConfigError::Load(Box::new(e))
    }
}

impl Settings {
    /// Loads defaults, then `file` (or `REOS_CONFIG`) when given, then the process environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_with_env(file, std::env::vars_os())
    }

    /// [`Settings::load`] with `vars` standing for the process environment.
    pub fn load_with_env(
        file: Option<&Path>,
        vars: impl IntoIterator<Item = (OsString, OsString)>,
    ) -> Result<Self, ConfigError> {
        let vars: Vec<(OsString, OsString)> = vars.into_iter().collect();
        let from_env = vars
            .iter()
            .find(|(k, _)| k == "REOS_CONFIG")
            .map(|(_, v)| PathBuf::from(v));
        let mut figment = Figment::new();
        if let Some(path) = file.map(Path::to_path_buf).or(from_env) {
            if !path.exists() {
                return Err(ConfigError::Invalid {
                    field: "config",
                    message: format!("file {} does not exist", path.display()),
                });
            }
            figment = figment.merge(Toml::file(path));
        }
        let known = keys::top_level_keys()?;
        for setting in env::settings_in(vars, &known) {
            figment = figment.merge(setting);
        }
        keys::refuse_unknown(&figment, &known)?;
        let settings = Self::extract(&figment)?;
        settings.validate()?;
        Ok(settings)
    }

    /// Reads each section from the merged layers: flattened sections from the top level (so an
    /// error names the key as written, e.g. `database_max_connections`), tables from their key.
    /// Follows the `#[serde(flatten)]` attributes above; a test loads every key back.
    fn extract(f: &Figment) -> Result<Self, ConfigError> {
        Ok(Self {
            server: f.extract()?,
            database: f.extract()?,
            auth: f.extract()?,
            graphql: table(f, "graphql")?,
            rate_limit: f.extract()?,
            storage: f.extract()?,
            graph: f.extract()?,
            telemetry: f.extract()?,
            pipeline: table(f, "pipeline")?,
            market: table(f, "market")?,
            jobs: table(f, "jobs")?,
            web: f.extract()?,
        })
    }

    /// Cross-field rules and each section's own: dev auth never together with an issuer,
    /// production needs real auth, limits in range.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.auth.validate()?;
        if self.server.environment == Environment::Production && self.dev_auth_enabled() {
            return Err(ConfigError::Invalid {
                field: "oidc_issuer",
                message: "production needs an OIDC issuer or a JWKS file".into(),
            });
        }
        self.graphql.validate()?;
        self.rate_limit.validate()?;
        self.storage.validate()?;
        self.web.validate()?;
        self.market.validate()?;
        self.jobs.validate()?;
        self.telemetry.validate()
    }

    /// Development tokens are trusted only with no issuer and no key file configured.
    pub fn dev_auth_enabled(&self) -> bool {
        self.auth.dev_auth_enabled()
    }

    /// The embedded SQLite file.
    pub fn sqlite_path(&self) -> PathBuf {
        self.server.data_dir.join("reos.db")
    }
}

/// A `[table]` section: its key's value, or the defaults when the key is absent.
fn table<T: DeserializeOwned + Default>(f: &Figment, key: &str) -> Result<T, ConfigError> {
    if !f.contains(key) {
        return Ok(T::default());
    }
    f.extract_inner(key).map_err(|e| {
        // `extract_inner` appends the table's key to each error's path (`max_dpeth.graphql`);
        // put it first so errors read `graphql.max_dpeth` / `REOS_GRAPHQL__MAX_DPETH`.
        let fixed: Vec<figment::Error> = e
            .into_iter()
            .map(|mut e| {
                if e.path.last().is_some_and(|last| last == key) {
                    e.path.pop();
                    e.path.insert(0, key.to_owned());
                }
                e
            })
            .collect();
        let chained = fixed.into_iter().rev().reduce(|rest, e| rest.chain(e));
        ConfigError::from(chained.unwrap_or_else(|| figment::Error::from(format!("invalid `{key}` table"))))
    })
}

/// Serializes a secret as `"[redacted]"` (nothing when unset): serialized settings only show
/// which secrets are set.
fn redacted<S: serde::Serializer>(secret: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    secret.as_ref().map(|_| "[redacted]").serialize(s)
}
