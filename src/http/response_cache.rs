//! Whole-response cache for GraphQL queries (PostgreSQL only). An entry is the JSON body of a
//! successful query, keyed by tenant, the caller's exact credentials, query text, operation name
//! and variables, so it is only ever served to the same token of the same tenant. It stays valid
//! while no write of its tenant has happened since the query started: every write statement
//! sends `NOTIFY reos_changes` with its tenant at commit (migration 013), whichever process made it
//! (another server, `reos import`, psql), and [`crate::persistence::changes`] turns those into
//! [`ResponseCache::changed`]. A mutation through this server also invalidates its tenant right
//! after commit, so a client reads its own writes without waiting for the notification. While
//! the notification feed is down nothing is served or stored; an entry also expires after
//! `ttl_secs`, which bounds the drift of values that depend on the clock (trust freshness,
//! `asOf` today).
use crate::config::ResponseCacheSettings;
use crate::persistence::TenantId;
use actix_web::web::Bytes;
use async_graphql::Request;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// What a response is cached under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    tenant: Uuid,
    credentials: String,
    query: String,
    operation: Option<String>,
    variables: String,
}

/// The invalidation state a response was computed under: it may be served only while both
/// counters are unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    all: u64,
    tenant: u64,
}

#[derive(Clone)]
struct Entry {
    ticket: Ticket,
    at: Instant,
    body: Bytes,
}

/// Weighs an entry by its bytes, so the capacity is a memory budget.
#[derive(Clone)]
struct BodySize;

impl quick_cache::Weighter<Key, Entry> for BodySize {
    fn weight(&self, key: &Key, val: &Entry) -> u64 {
        (key.credentials.len() + key.query.len() + key.variables.len() + val.body.len() + 128) as u64
    }
}

pub struct ResponseCache {
    entries: quick_cache::sync::Cache<Key, Entry, BodySize>,
    /// Bumped when every tenant is invalidated (a write without a tenant, a lost feed).
    all: AtomicU64,
    /// Bumped per tenant on each of its writes.
    tenants: Mutex<HashMap<Uuid, u64>>,
    /// Whether the notification feed is connected; nothing is served or stored while it is not.
    live: AtomicBool,
    ttl: Duration,
}

impl ResponseCache {
    pub fn new(settings: &ResponseCacheSettings) -> Self {
        let bytes = settings.max_mb.saturating_mul(1024 * 1024);
        // quick_cache sizes its table from an item estimate; ~8 KiB per response is typical.
        let items = usize::try_from(bytes / 8192).unwrap_or(usize::MAX).max(64);
        Self {
            entries: quick_cache::sync::Cache::with_weighter(items, bytes, BodySize),
            all: AtomicU64::new(0),
            tenants: Mutex::new(HashMap::new()),
            live: AtomicBool::new(false),
            ttl: Duration::from_secs(settings.ttl_secs),
        }
    }

    /// The key of a single operation, or None when it must not be cached (file uploads or
    /// protocol extensions change what it means).
    pub fn key(tenant: TenantId, credentials: &str, request: &Request) -> Option<Key> {
        if !request.uploads.is_empty() || !request.extensions.is_empty() {
            return None;
        }
        let variables = serde_json::to_string(&request.variables).ok()?;
        Some(Key {
            tenant: tenant.uuid(),
            credentials: credentials.to_owned(),
            query: request.query.clone(),
            operation: request.operation_name.clone(),
            variables,
        })
    }

    /// The state a request starting now computes under; None while the feed is down.
    pub fn ticket(&self, tenant: TenantId) -> Option<Ticket> {
        self.ticket_of(tenant.uuid())
    }

    /// [`ticket`](Self::ticket) by the tenant's UUID (as a cache key holds it).
    fn ticket_of(&self, tenant: Uuid) -> Option<Ticket> {
        if !self.live.load(Ordering::Acquire) {
            return None;
        }
        let tenant = self.tenant_epoch(tenant);
        Some(Ticket {
            all: self.all.load(Ordering::Acquire),
            tenant,
        })
    }

    fn tenant_epoch(&self, tenant: Uuid) -> u64 {
        let map = self.tenants.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&tenant).copied().unwrap_or(0)
    }

    /// A stored body computed under `ticket` and younger than the time to live.
    pub fn get(&self, key: &Key, ticket: Ticket) -> Option<Bytes> {
        let entry = self.entries.get(key)?;
        if entry.ticket == ticket && entry.at.elapsed() < self.ttl {
            Some(entry.body)
        } else {
            None
        }
    }

    /// Stores a body computed under `ticket`, unless a write has invalidated it meanwhile.
    pub fn put(&self, key: Key, ticket: Ticket, body: Bytes) {
        if self.ticket_of(key.tenant) == Some(ticket) {
            let at = Instant::now();
            self.entries.insert(key, Entry { ticket, at, body });
        }
    }

    /// A write of `tenant` (None: of no tenant in particular, so all of them) committed.
    pub fn changed(&self, tenant: Option<Uuid>) {
        match tenant {
            Some(t) => {
                let mut map = self.tenants.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                *map.entry(t).or_default() += 1;
            }
            None => {
                self.all.fetch_add(1, Ordering::AcqRel);
            }
        }
    }

    /// The notification feed connected (`true`: everything cached before is dropped, since
    /// notifications may have been missed) or was lost.
    pub fn set_live(&self, live: bool) {
        self.all.fetch_add(1, Ordering::AcqRel);
        self.live.store(live, Ordering::Release);
        if !live {
            self.entries.clear();
        }
    }
}

/// The response cache follows the database's change notifications.
impl crate::persistence::changes::ChangeSink for ResponseCache {
    fn set_live(&self, live: bool) {
        ResponseCache::set_live(self, live);
    }

    fn changed(&self, tenant: Option<Uuid>) {
        ResponseCache::changed(self, tenant);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
