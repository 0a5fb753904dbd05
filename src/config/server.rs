//! The server section (top-level keys): where reos listens, its data folder, the demo seed, the
//! deployment environment and how long a shutdown waits.
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// Listeners, data folder and lifecycle.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerSettings {
    /// Address the HTTP server binds (`listen`, `REOS_LISTEN`). Port 0 picks a free port.
    pub listen: String,
    /// Serve `/metrics` on this address instead of the main listener (`metrics_listen`,
    /// `REOS_METRICS_LISTEN`).
    pub metrics_listen: Option<String>,
    /// Folder for the embedded SQLite file, development keys and local objects (`data_dir`,
    /// `REOS_DATA_DIR`).
    pub data_dir: PathBuf,
    /// Seed a `demo` tenant with a few properties when the database has no tenant (`seed_demo`,
    /// `REOS_SEED_DEMO`).
    pub seed_demo: bool,
    /// `development` or `production` (`environment`, `REOS_ENVIRONMENT`); production needs an issuer.
    pub environment: Environment,
    /// On SIGTERM/SIGINT the server stops accepting and lets requests in flight finish for at most
    /// this many seconds, then drops them (their transactions roll back, their engine work is
    /// told to stop) and exits (`shutdown_timeout_secs`, `REOS_SHUTDOWN_TIMEOUT_SECS`).
    pub shutdown_timeout_secs: u64,
    /// On SIGTERM, how long `/readyz` answers 503 while the instance still serves, so a load
    /// balancer stops sending before the listener closes (`drain_grace_secs`,
    /// `REOS_DRAIN_GRACE_SECS`). SIGINT (a person at a terminal) skips it.
    pub drain_grace_secs: u64,
    /// The name every response carries in `x-reos-instance` (`instance_name`,
    /// `REOS_INSTANCE_NAME`); default `<host name>:<port>`.
    pub instance_name: Option<String>,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            metrics_listen: None,
            data_dir: PathBuf::from("./data"),
            seed_demo: true,
            environment: Environment::Development,
            shutdown_timeout_secs: 30,
            drain_grace_secs: 5,
            instance_name: None,
        }
    }
}

/// The deployment environment; anything but these two words is refused naming `environment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Development tokens may be on (the default).
    #[default]
    Development,
    /// Real authentication (an OIDC issuer or key file) is required.
    Production,
}

impl Environment {
    /// The configuration word: `development` or `production`.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Development => "development",
            Environment::Production => "production",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
