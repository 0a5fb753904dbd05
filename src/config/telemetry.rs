//! The telemetry section (top-level keys): the log format and error reporting to Sentry.
use super::{ConfigError, redacted};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Logs and error reporting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct TelemetrySettings {
    /// `pretty` or `json` logs (`log_format`, `REOS_LOG_FORMAT`); the level comes from `RUST_LOG`.
    pub log_format: LogFormat,
    /// Sentry (or Bugsink) DSN for error reporting (`sentry_dsn`, `REOS_SENTRY_DSN`); unset:
    /// reporting is off.
    #[serde(serialize_with = "redacted")]
    pub sentry_dsn: Option<SecretString>,
    /// Environment reported to Sentry (`sentry_environment`, `REOS_SENTRY_ENVIRONMENT`); defaults
    /// to `environment`.
    pub sentry_environment: Option<String>,
    /// Share of error events sent, 0 to 1 (`sentry_sample_rate`, `REOS_SENTRY_SAMPLE_RATE`).
    pub sentry_sample_rate: f32,
    /// Share of requests traced as Sentry transactions, 0 to 1 (`sentry_traces_sample_rate`,
    /// `REOS_SENTRY_TRACES_SAMPLE_RATE`).
    pub sentry_traces_sample_rate: f32,
}

impl Default for TelemetrySettings {
    fn default() -> Self {
        Self {
            log_format: LogFormat::Pretty,
            sentry_dsn: None,
            sentry_environment: None,
            sentry_sample_rate: 1.0,
            sentry_traces_sample_rate: 0.0,
        }
    }
}

/// How log lines are written; anything but these two words is refused naming `log_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines (the default).
    #[default]
    Pretty,
    /// One JSON object per line.
    Json,
}

impl LogFormat {
    /// The configuration word: `pretty` or `json`.
    pub fn as_str(self) -> &'static str {
        match self {
            LogFormat::Pretty => "pretty",
            LogFormat::Json => "json",
        }
    }
}

impl fmt::Display for LogFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TelemetrySettings {
    /// The DSN parses and the sample rates are fractions.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        use secrecy::ExposeSecret;
        if let Some(dsn) = &self.sentry_dsn
            && dsn.expose_secret().parse::<sentry::types::Dsn>().is_err()
        {
            return Err(ConfigError::Invalid {
                field: "sentry_dsn",
                message: "not a DSN (https://<key>@<host>/<project>)".into(),
            });
        }
        for (field, rate) in [
            ("sentry_sample_rate", self.sentry_sample_rate),
            ("sentry_traces_sample_rate", self.sentry_traces_sample_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(ConfigError::Invalid {
                    field,
                    message: format!("{rate} is not between 0 and 1"),
                });
            }
        }
        Ok(())
    }
}
