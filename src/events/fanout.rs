//! Events across instances (PostgreSQL): every event this instance publishes is also sent as
//! `NOTIFY reos_events` carrying ids only (the tenant, a valuation's id, or an import's progress
//! counts) and this instance's id. Every instance LISTENs on its own connection, skips its own
//! notifications, checks the tenant exists, re-reads a valuation under that tenant (RLS applies;
//! a row the tenant cannot read is dropped) and delivers the event to its own subscribers.
//! Events are published after their transaction commits, so the row is there to read. Sends keep
//! the publishing order (one sender task); a dropped listener connection reconnects with backoff,
//! and notifications sent while it was down are lost (logged).
use super::{Event, EventBus, EventKind, ImportProgress};
use crate::persistence::tenancy::Access;
use crate::persistence::{Database, TenantId, TenantTx, repositories};
use reos_entities::{tenant, valuation};
use sea_orm::{DbErr, EntityTrait};
use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgListener, PgPool};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use uuid::Uuid;

/// The NOTIFY channel of events.
pub const CHANNEL: &str = "reos_events";

/// A notification's payload (well under PostgreSQL's 8,000-byte limit).
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Wire {
    instance: Uuid,
    tenant: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valuation: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    import: Option<ImportProgress>,
}

fn encode(instance: Uuid, e: &Event) -> Option<String> {
    let (valuation, import) = match &e.kind {
        EventKind::ValuationCompleted(v) => (Some(v.id), None),
        EventKind::ImportProgress(p) => (None, Some(p.clone())),
    };
    let wire = Wire {
        instance,
        tenant: e.tenant.uuid(),
        valuation,
        import,
    };
    serde_json::to_string(&wire).ok()
}

/// Starts the fan-out of `bus` over `db`'s PostgreSQL service pool; returns this instance's id.
pub fn start(db: Database, bus: EventBus) -> Uuid {
    let instance = Uuid::new_v4();
    let (tx, rx) = mpsc::unbounded_channel();
    if bus.fan_out(tx) {
        let pool = db.service.get_postgres_connection_pool().clone();
        tokio::spawn(send_all(pool.clone(), instance, rx));
        tokio::spawn(follow(pool, db, bus, instance));
        tracing::info!(%instance, "events: fan-out across instances over NOTIFY {CHANNEL}");
    }
    instance
}

async fn send_all(pool: PgPool, instance: Uuid, mut rx: mpsc::UnboundedReceiver<Event>) {
    while let Some(e) = rx.recv().await {
        let Some(payload) = encode(instance, &e) else { continue };
        if let Err(err) = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(payload)
            .execute(&pool)
            .await
        {
            tracing::warn!(error = %err, "events: NOTIFY failed; other instances miss this event");
        }
    }
}

async fn follow(pool: PgPool, db: Database, bus: EventBus, instance: Uuid) {
    let mut backoff = Duration::from_millis(250);
    loop {
        match listen(&pool, &db, &bus, instance).await {
            Ok(()) => {
                tracing::warn!("events: listener connection lost; reconnecting");
                backoff = Duration::from_millis(250);
            }
            Err(e) => tracing::warn!(error = %e, "events: listener unavailable; other instances' events not delivered"),
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(10));
    }
}

async fn listen(pool: &PgPool, db: &Database, bus: &EventBus, instance: Uuid) -> Result<(), sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // try_recv reports a dropped connection as None instead of reconnecting silently.
    while let Some(n) = listener.try_recv().await? {
        match decode(db, instance, n.payload()).await {
            Ok(Some(e)) => bus.deliver(e),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "events: a notification could not be read back"),
        }
    }
    Ok(())
}

/// The event a notification names, read back under its tenant; None for this instance's own,
/// a malformed one, an unknown tenant or a row the tenant cannot read.
async fn decode(db: &Database, instance: Uuid, payload: &str) -> Result<Option<Event>, DbErr> {
    let Ok(w) = serde_json::from_str::<Wire>(payload) else {
        tracing::warn!("events: malformed notification dropped");
        return Ok(None);
    };
    if w.instance == instance {
        return Ok(None);
    }
    let Some(row) = tenant::Entity::find_by_id(w.tenant).one(&db.owner).await? else {
        return Ok(None);
    };
    let tenant = TenantId::from_row(&row);
    let kind = match (w.valuation, w.import) {
        (Some(id), _) => {
            let tx = TenantTx::begin_as(&db.service, tenant, Access::ReadOnly).await?;
            let found = repositories::find::<valuation::Entity>(&tx, id).await?;
            tx.commit().await?;
            match found {
                Some(v) => EventKind::ValuationCompleted(Arc::new(v)),
                None => return Ok(None),
            }
        }
        (None, Some(p)) => EventKind::ImportProgress(p),
        (None, None) => return Ok(None),
    };
    Ok(Some(Event { tenant, kind }))
}

#[cfg(test)]
mod tests;
