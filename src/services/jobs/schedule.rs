//! Schedules (`[jobs] schedules`): each names a job kind and a cron expression (UTC). At every
//! check the most recent fire time not in the future — if it is at most `catch_up_secs` old — is
//! enqueued for every tenant under the key `<schedule>@<fire time>`, which is unique per tenant:
//! whichever instance checks first enqueues it, the others find it there, so each fire time runs
//! once however many instances run. A fire time older than the catch-up window (every instance
//! was down) is skipped.
use crate::config::JobSchedule;
use crate::error::ApiResult;
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId, TenantTx};
use chrono::{DateTime, Utc};
use std::str::FromStr;

/// The most recent fire time of `cron` at or before `now`, if it is at most `window_secs` old.
pub fn due(cron: &str, now: DateTime<Utc>, window_secs: u64) -> Option<DateTime<Utc>> {
    let schedule = cron::Schedule::from_str(cron).ok()?;
    let window = chrono::Duration::seconds(i64::try_from(window_secs).unwrap_or(i64::MAX / 2));
    let from = now - window - chrono::Duration::seconds(1);
    schedule.after(&from).take_while(|t| *t <= now).last()
}

/// The dedupe key of a schedule's fire time.
pub fn key(name: &str, at: DateTime<Utc>) -> String {
    format!("{name}@{}", at.format("%Y-%m-%dT%H:%M:%SZ"))
}

/// Enqueues every due fire time of `schedules` for every tenant; returns how many jobs this call
/// enqueued (0 when another instance was first).
pub async fn enqueue_due(
    db: &Database,
    schedules: &[JobSchedule],
    now: DateTime<Utc>,
    window_secs: u64,
    max_attempts: i32,
) -> ApiResult<usize> {
    let due: Vec<(&JobSchedule, DateTime<Utc>)> = schedules
        .iter()
        .filter_map(|s| due(&s.cron, now, window_secs).map(|t| (s, t)))
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let mut enqueued = 0;
    for t in tenants::all(&db.service).await? {
        let tx = TenantTx::begin(&db.service, TenantId::from_row(&t)).await?;
        for (s, at) in &due {
            if super::enqueue_once(&tx, &s.kind, &key(&s.name, *at), max_attempts, *at).await? {
                enqueued += 1;
                tracing::info!(tenant = %t.id, schedule = %s.name, at = %at, "scheduled job enqueued");
            }
        }
        tx.commit().await?;
    }
    Ok(enqueued)
}

#[cfg(test)]
mod tests;
