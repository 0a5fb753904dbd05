//! The `[jobs]` table: the background job worker and the schedules that enqueue jobs
//! (docs/jobs.md); environment names are `REOS_JOBS__*`.
use super::ConfigError;
use serde::{Deserialize, Serialize};

/// One schedule: a job `kind` enqueued for every tenant at each time `cron` names (UTC; six
/// fields with seconds: `sec min hour day-of-month month day-of-week`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub name: String,
    pub kind: String,
    pub cron: String,
}

/// The worker and its schedules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JobSettings {
    /// Run the worker and the scheduler in `reos serve`.
    pub enabled: bool,
    /// How often an idle worker looks for due jobs and the scheduler for due times, in ms.
    pub poll_ms: u64,
    /// Attempts before a failing job is dead (kept, with its last error; no more retries).
    pub max_attempts: i32,
    /// The first retry waits this long; each later one twice as long as the one before (at
    /// most an hour).
    pub retry_base_secs: u64,
    /// A fire time missed while no instance ran (all down) is still enqueued when it is at most
    /// this old.
    pub catch_up_secs: u64,
    /// A running job whose worker has not reported for this long is taken over (its worker died).
    pub stale_secs: u64,
    pub schedules: Vec<Schedule>,
}

impl Default for JobSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            poll_ms: 1_000,
            max_attempts: 5,
            retry_base_secs: 30,
            catch_up_secs: 3_600,
            stale_secs: 600,
            schedules: vec![
                Schedule {
                    name: "nightly-market-regime".into(),
                    kind: "market_regime".into(),
                    cron: "0 30 1 * * *".into(),
                },
                Schedule {
                    name: "nightly-revalue".into(),
                    kind: "revalue".into(),
                    cron: "0 0 2 * * *".into(),
                },
            ],
        }
    }
}

/// The job kinds the worker runs.
pub const KINDS: &[&str] = &["revalue", "hazard_refresh", "graph_sync", "market_regime"];

impl JobSettings {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let bad = |field: &'static str, message: String| Err(ConfigError::Invalid { field, message });
        if self.poll_ms == 0 {
            return bad("jobs.poll_ms", "must be above 0".into());
        }
        if !(1..=100).contains(&self.max_attempts) {
            return bad("jobs.max_attempts", "must be 1 to 100".into());
        }
        for s in &self.schedules {
            if !KINDS.contains(&s.kind.as_str()) {
                return bad(
                    "jobs.schedules",
                    format!(
                        "schedule `{}`: kind `{}` is not one of {}",
                        s.name,
                        s.kind,
                        KINDS.join(", ")
                    ),
                );
            }
            if let Err(e) = s.cron.parse::<cron::Schedule>() {
                return bad(
                    "jobs.schedules",
                    format!(
                        "schedule `{}`: `{}` is not a cron expression (sec min hour dom month dow): {e}",
                        s.name, s.cron
                    ),
                );
            }
        }
        Ok(())
    }
}
