//! Follows `NOTIFY reos_changes` (migration 013) on a dedicated PostgreSQL connection and
//! reports each committed write's tenant to a [`ChangeSink`] (the response cache). Reconnects with backoff; while
//! disconnected the cache is switched off, and reconnecting drops what it held, since
//! notifications sent meanwhile are lost.
use sqlx::postgres::{PgListener, PgPool};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// The channel migration 013's triggers notify.
pub const CHANNEL: &str = "reos_changes";

/// What follows the notifications (the HTTP layer's response cache).
pub trait ChangeSink: Send + Sync {
    /// Whether notifications are arriving (nothing may be trusted while they are not).
    fn set_live(&self, live: bool);
    /// A write of `tenant` committed (`None`: a write outside any tenant, or of every tenant).
    fn changed(&self, tenant: Option<Uuid>);
}

/// A notification's payload: a tenant id, or `*` for a write outside any tenant.
fn tenant_of(payload: &str) -> Option<Uuid> {
    Uuid::parse_str(payload).ok()
}

/// Runs until the process ends.
pub async fn follow(pool: PgPool, cache: Arc<dyn ChangeSink>) {
    let mut backoff = Duration::from_millis(250);
    loop {
        match listen(&pool, cache.as_ref()).await {
            Ok(()) => {
                tracing::warn!("change notifications: connection lost; response cache off until reconnected");
                backoff = Duration::from_millis(250);
            }
            Err(e) => tracing::warn!(error = %e, "change notifications unavailable; response cache off"),
        }
        cache.set_live(false);
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(10));
    }
}

/// One connection's life: LISTEN, switch the cache on, apply notifications until it drops.
async fn listen(pool: &PgPool, cache: &dyn ChangeSink) -> Result<(), sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    cache.set_live(true);
    tracing::info!("change notifications: listening; response cache on");
    // try_recv reports a dropped connection as None (recv would reconnect silently, losing the
    // notifications sent meanwhile).
    while let Some(n) = listener.try_recv().await? {
        cache.changed(tenant_of(n.payload()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
