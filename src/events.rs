//! The event bus behind GraphQL subscriptions: a tokio broadcast channel of tenant-scoped events.
//! Every event names its tenant and every subscriber filters on its own (verified) tenant first,
//! so ids of another tenant never match. On PostgreSQL [`fanout`] also sends each event to the
//! other instances sharing the database (NOTIFY), which re-read it under its tenant and deliver
//! it to their own subscribers.
pub mod fanout;

use crate::persistence::TenantId;
use futures_util::Stream;
use reos_entities::{job, valuation};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, mpsc};
use uuid::Uuid;

/// Events a slow subscriber may fall behind by before it skips (and logs) the oldest.
const CAPACITY: usize = 1024;

/// Progress of a property import run (`importProgress`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportProgress {
    pub run_id: Uuid,
    /// `running` while batches are written; then the run's outcome (`succeeded`, `blocked`,
    /// `failed`, or `rolled_back` when the request's transaction did not commit).
    pub stage: String,
    /// Rows processed (written or merged) so far, and rows to process.
    pub processed: u64,
    pub total: u64,
    /// Final counts; zero while running.
    pub read: u64,
    pub written: u64,
    pub merged: u64,
    pub rejected: u64,
    pub done: bool,
}

/// What happened, without the tenant.
#[derive(Debug, Clone)]
pub enum EventKind {
    /// A valuation was saved (and its transaction committed).
    ValuationCompleted(Arc<valuation::Model>),
    ImportProgress(ImportProgress),
    /// A job's record changed: a chunk committed, the job finished or was cancelled.
    JobProgress(Arc<job::Model>),
}

/// One event of one tenant.
#[derive(Debug, Clone)]
pub struct Event {
    pub tenant: TenantId,
    pub kind: EventKind,
}

/// Cheap to clone; all clones share one channel (and one fan-out, once set).
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<Event>,
    /// Where published events also go to reach the other instances (until closed).
    remote: Arc<Mutex<Option<mpsc::UnboundedSender<Event>>>>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self {
            tx: broadcast::channel(CAPACITY).0,
            remote: Arc::default(),
        }
    }
}

impl EventBus {
    /// Sends to every current subscriber of this instance, and to the other instances when a
    /// fan-out is set; without subscribers the event is dropped.
    pub fn publish(&self, event: Event) {
        if let Ok(remote) = self.remote.lock()
            && let Some(remote) = remote.as_ref()
        {
            let _ = remote.send(event.clone());
        }
        self.deliver(event);
    }

    /// Sends to this instance's subscribers only (an event another instance published).
    pub fn deliver(&self, event: Event) {
        let _ = self.tx.send(event);
    }

    /// Also sends every event published from now on to `remote`; false when one is already set.
    pub fn fan_out(&self, remote: mpsc::UnboundedSender<Event>) -> bool {
        match self.remote.lock() {
            Ok(mut r) if r.is_none() => {
                *r = Some(remote);
                true
            }
            _ => false,
        }
    }

    /// Stops sending to the other instances (a process about to exit lets its sender drain).
    pub fn close_fan_out(&self) {
        if let Ok(mut r) = self.remote.lock() {
            r.take();
        }
    }

    /// The events of `tenant` from now on, as a stream. A lagging subscriber skips what it missed.
    pub fn subscribe(&self, tenant: TenantId) -> impl Stream<Item = EventKind> + Send + use<> {
        futures_util::stream::unfold(self.tx.subscribe(), move |mut rx| async move {
            loop {
                match rx.recv().await {
                    Ok(e) if e.tenant == tenant => return Some((e.kind, rx)),
                    Ok(_) => {}
                    Err(broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(skipped = n, "subscriber lagged behind the event bus");
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        })
    }

    pub fn subscriber_count(&self) -> usize {
        self.tx.receiver_count()
    }
}

/// A request's events: some go out at once (progress), the rest only after the request's
/// transaction commits, so a subscriber never hears of a row it cannot read yet. Put into each
/// GraphQL request's data by the HTTP handler.
#[derive(Clone)]
pub struct Outbox {
    bus: EventBus,
    tenant: TenantId,
    pending: Arc<Mutex<Vec<EventKind>>>,
}

impl Outbox {
    pub fn new(bus: EventBus, tenant: TenantId) -> Self {
        Self {
            bus,
            tenant,
            pending: Arc::default(),
        }
    }

    /// Publishes now (for progress, which describes work in flight rather than stored rows).
    pub fn now(&self, kind: EventKind) {
        self.bus.publish(Event {
            tenant: self.tenant,
            kind,
        });
    }

    /// Publishes when [`Outbox::committed`] is called.
    pub fn after_commit(&self, kind: EventKind) {
        if let Ok(mut p) = self.pending.lock() {
            p.push(kind);
        }
    }

    /// The transaction committed: publish what waited for it.
    pub fn committed(&self) {
        for kind in self.take() {
            self.now(kind);
        }
    }

    /// The transaction rolled back: stored-row events are dropped; an import still in the list
    /// is reported as finished with stage `rolled_back`, so its subscribers are not left waiting.
    pub fn rolled_back(&self) {
        for kind in self.take() {
            if let EventKind::ImportProgress(mut p) = kind {
                p.stage = "rolled_back".into();
                p.done = true;
                self.now(EventKind::ImportProgress(p));
            }
        }
    }

    fn take(&self) -> Vec<EventKind> {
        self.pending
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
