//! Events across instances (PostgreSQL): every event this instance publishes is also sent as
//! `NOTIFY reos_events` carrying ids only (the tenant, a valuation's or a job's id, or an import's
//! progress counts) and this instance's id. Every instance LISTENs on its own connection, skips its own
//! notifications, checks the tenant exists, re-reads a valuation under that tenant (RLS applies;
//! a row the tenant cannot read is dropped) and delivers the event to its own subscribers.
//! Events are published after their transaction commits, so the row is there to read. Sends keep
//! the publishing order (one sender task, batching what queued up); a dropped listener connection reconnects with backoff,
//! and notifications sent while it was down are lost (logged).
use super::{Event, EventBus, EventKind, ImportProgress};
use crate::persistence::tenancy::Access;
use crate::persistence::{Database, TenantId, TenantTx, repositories};
use reos_entities::{job, tenant, valuation};
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    job: Option<Uuid>,
}

fn encode(instance: Uuid, e: &Event) -> Option<String> {
    let mut wire = Wire {
        instance,
        tenant: e.tenant.uuid(),
        valuation: None,
        import: None,
        job: None,
    };
    match &e.kind {
        EventKind::ValuationCompleted(v) => wire.valuation = Some(v.id),
        EventKind::ImportProgress(p) => wire.import = Some(p.clone()),
        EventKind::JobProgress(j) => wire.job = Some(j.id),
    }
    serde_json::to_string(&wire).ok()
}

/// Starts the fan-out of `bus` over `db`'s PostgreSQL service pool (sending this instance's
/// events, delivering the others'); returns this instance's id.
pub fn start(db: Database, bus: EventBus) -> Uuid {
    let instance = Uuid::new_v4();
    if let Some(_sender) = start_sending(&db, &bus, instance) {
        let pool = db.service.get_postgres_connection_pool().clone();
        tokio::spawn(follow(pool, db, bus, instance));
        tracing::info!(%instance, "events: fan-out across instances over NOTIFY {CHANNEL}");
    }
    instance
}

/// Sends what `bus` publishes to the instances listening (a CLI process that serves no
/// subscribers); None when a fan-out is already set. After [`EventBus::close_fan_out`] the
/// returned task ends once everything published before has gone out.
pub fn start_sending(db: &Database, bus: &EventBus, instance: Uuid) -> Option<tokio::task::JoinHandle<()>> {
    let (tx, rx) = mpsc::unbounded_channel();
    if !bus.fan_out(tx) {
        return None;
    }
    let pool = db.service.get_postgres_connection_pool().clone();
    Some(tokio::spawn(send_all(pool, instance, rx)))
}

/// Sends events in publishing order; what queued up meanwhile goes out in one statement (a
/// revaluation publishes thousands), each event its own notification. PostgreSQL folds identical
/// payloads of one transaction into one: those are repeats of the same ids, which every receiver
/// re-reads anyway.
async fn send_all(pool: PgPool, instance: Uuid, mut rx: mpsc::UnboundedReceiver<Event>) {
    let mut batch = Vec::new();
    while rx.recv_many(&mut batch, 512).await > 0 {
        let payloads: Vec<String> = batch.drain(..).filter_map(|e| encode(instance, &e)).collect();
        if let Err(err) =
            sqlx::query("SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, i) ORDER BY i")
                .bind(CHANNEL)
                .bind(&payloads)
                .execute(&pool)
                .await
        {
            tracing::warn!(error = %err, events = payloads.len(), "events: NOTIFY failed; other instances miss these events");
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
    let kind = if let Some(p) = w.import {
        EventKind::ImportProgress(p)
    } else if let Some(id) = w.valuation {
        match read_back::<valuation::Entity>(db, tenant, id).await? {
            Some(v) => EventKind::ValuationCompleted(Arc::new(v)),
            None => return Ok(None),
        }
    } else if let Some(id) = w.job {
        match read_back::<job::Entity>(db, tenant, id).await? {
            Some(j) => EventKind::JobProgress(Arc::new(j)),
            None => return Ok(None),
        }
    } else {
        return Ok(None);
    };
    Ok(Some(Event { tenant, kind }))
}

/// Row `id` read under `tenant` (RLS applies): None when the tenant cannot read it.
async fn read_back<E: repositories::TenantOwned>(
    db: &Database,
    tenant: TenantId,
    id: Uuid,
) -> Result<Option<E::Model>, DbErr> {
    let tx = TenantTx::begin_as(&db.service, tenant, Access::ReadOnly).await?;
    let found = repositories::find::<E>(&tx, id).await?;
    tx.commit().await?;
    Ok(found)
}

#[cfg(test)]
mod tests;
