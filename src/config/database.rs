//! The database section: the service and owner connection URLs and the pool size. On the wire the
//! keys keep their `database_` prefix (`database_url`, `REOS_DATABASE_URL`).
use super::redacted;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

/// PostgreSQL connections; with no URL, the embedded SQLite file under `data_dir`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct DatabaseSettings {
    /// PostgreSQL URL the service connects with (`database_url`, `REOS_DATABASE_URL`): a login
    /// role that is a member of `reos_app`, owns nothing and has no BYPASSRLS. Unset: SQLite
    /// under `data_dir`.
    #[serde(rename = "database_url", serialize_with = "redacted")]
    pub url: Option<SecretString>,
    /// PostgreSQL URL of the schema owner, used for migrations and tenant administration
    /// (`database_owner_url`, `REOS_DATABASE_OWNER_URL`). Defaults to `database_url`.
    #[serde(rename = "database_owner_url", serialize_with = "redacted")]
    pub owner_url: Option<SecretString>,
    /// Size of the service's connection pool (`database_max_connections`,
    /// `REOS_DATABASE_MAX_CONNECTIONS`).
    #[serde(rename = "database_max_connections")]
    pub max_connections: u32,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: None,
            owner_url: None,
            max_connections: 16,
        }
    }
}
