//! Persisted queries, Apollo's protocol (`extensions.persistedQuery = {version: 1, sha256Hash}`):
//! a hash alone stands for a query text sent once with it; the text is checked against its hash
//! and kept in Redis when configured (shared by every instance) or in a bounded in-process cache.
//! With `graphql.persisted_queries = "only"` nothing but the manifest's queries runs. The text is
//! put back into the request before the document guard, the cost probe and the rate limiter look
//! at it, so a query by hash is checked and priced exactly like its text. Error codes are listed
//! in docs/graphql.md.
use crate::config::{PersistedQueries, Settings};
use async_graphql::{Request, ServerError, Value};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The hash names no query this server knows (the client should send the text with it).
pub const NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";
/// The text sent with a hash does not have that hash.
pub const HASH_MISMATCH: &str = "PERSISTED_QUERY_HASH_MISMATCH";
/// Persisted queries are off, or the extension asks for a version other than 1.
pub const NOT_SUPPORTED: &str = "PERSISTED_QUERY_NOT_SUPPORTED";
/// `only` mode: the query is not in the manifest.
pub const NOT_IN_LIST: &str = "PERSISTED_QUERY_NOT_IN_LIST";
/// The extension is not `{version, sha256Hash}` with a 64-digit lower-case hex hash.
pub const INVALID: &str = "PERSISTED_QUERY_INVALID";

/// Why the persisted queries could not be set up (startup refuses to run).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("graphql.persisted_queries_manifest {path}: {message}")]
    Manifest { path: String, message: String },
    #[error("redis_url for persisted queries: {0}")]
    Redis(#[from] deadpool_redis::CreatePoolError),
}

/// Weighs a kept text by its bytes (and its hash), so the in-process capacity is a memory budget.
#[derive(Clone)]
struct TextSize;

impl quick_cache::Weighter<String, Arc<str>> for TextSize {
    fn weight(&self, hash: &String, text: &Arc<str>) -> u64 {
        (hash.len() + text.len() + 64) as u64
    }
}

/// Where texts learnt from clients are kept.
enum Store {
    Memory(quick_cache::sync::Cache<String, Arc<str>, TextSize>),
    Redis {
        pool: deadpool_redis::Pool,
        ttl_secs: u64,
        timeout: Duration,
    },
}

/// The persisted queries of this server: the manifest and what clients registered.
pub struct PersistedQueryStore {
    mode: PersistedQueries,
    manifest: HashMap<String, Arc<str>>,
    store: Store,
}

/// A text with its verified hash, to keep once the document guard has accepted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    hash: String,
    text: String,
}

/// Redis key of a persisted query (the hash is content-addressed, so tenants may share it).
fn redis_key(hash: &str) -> String {
    format!("reos:apq:{hash}")
}

/// Lower-case hex SHA-256 of a query text, as Apollo clients compute it.
pub fn sha256_hex(text: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn coded(message: impl Into<String>, code: &str) -> ServerError {
    crate::graphql::limits::coded(ServerError::new(message, None), code)
}

/// `{version: 1, sha256Hash: "<64 hex>"}`, or the error naming what is wrong.
fn parse_extension(value: &Value) -> Result<String, ServerError> {
    let Value::Object(fields) = value else {
        return Err(coded("extensions.persistedQuery must be an object", INVALID));
    };
    match fields.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(1) => {}
        Some(Value::Number(n)) => {
            return Err(coded(
                format!("extensions.persistedQuery.version {n} is not supported; only version 1 is"),
                NOT_SUPPORTED,
            ));
        }
        _ => return Err(coded("extensions.persistedQuery.version must be 1", INVALID)),
    }
    match fields.get("sha256Hash") {
        Some(Value::String(h))
            if h.len() == 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            Ok(h.clone())
        }
        _ => Err(coded(
            "extensions.persistedQuery.sha256Hash must be the query's SHA-256 as 64 lower-case hex digits",
            INVALID,
        )),
    }
}

impl PersistedQueryStore {
    /// From `[graphql]` (mode, manifest, sizes) and `redis_url`; reads and checks the manifest.
    pub fn from_settings(settings: &Settings) -> Result<Self, SetupError> {
        let g = &settings.graphql;
        let manifest = match &g.persisted_queries_manifest {
            Some(path) => load_manifest(path)?,
            None => HashMap::new(),
        };
        let store = match &settings.rate_limit.redis_url {
            Some(url) => {
                use secrecy::ExposeSecret;
                let timeout = Duration::from_millis(settings.rate_limit.limiter.redis_timeout_ms);
                Store::Redis {
                    pool: crate::ratelimit::redis::pool(url.expose_secret(), timeout)?,
                    ttl_secs: g.persisted_queries_ttl_secs,
                    timeout,
                }
            }
            None => {
                let bytes = g.persisted_queries_max_mb.saturating_mul(1024 * 1024);
                // quick_cache sizes its table by an estimate of the items: texts of ~1 KiB.
                let items = usize::try_from(bytes / 1024).unwrap_or(usize::MAX).max(16);
                Store::Memory(quick_cache::sync::Cache::with_weighter(items, bytes, TextSize))
            }
        };
        tracing::info!(
            mode = ?g.persisted_queries,
            manifest = manifest.len(),
            shared = matches!(store, Store::Redis { .. }),
            "persisted queries"
        );
        Ok(Self {
            mode: g.persisted_queries,
            manifest,
            store,
        })
    }

    /// Puts the query text back into a request that names a persisted query (and takes the
    /// extension out). What it returns is the text to keep once the document guard accepts it.
    pub async fn resolve(&self, request: &mut Request) -> Result<Option<Registration>, ServerError> {
        let extension = request.extensions.remove("persistedQuery");
        if self.mode == PersistedQueries::Only {
            return self.only(request, extension.as_ref()).map(|()| None);
        }
        let Some(extension) = extension else { return Ok(None) };
        if self.mode == PersistedQueries::Off {
            return Err(coded(
                "persisted queries are off on this server; send the query text",
                NOT_SUPPORTED,
            ));
        }
        let hash = parse_extension(&extension)?;
        if request.query.is_empty() {
            let Some(text) = self.lookup(&hash).await else {
                // Apollo clients look for this exact message (and the code) to send the text.
                return Err(coded("PersistedQueryNotFound", NOT_FOUND));
            };
            request.query = text.to_string();
            return Ok(None);
        }
        let actual = sha256_hex(&request.query);
        if actual != hash {
            return Err(coded(
                format!("extensions.persistedQuery.sha256Hash {hash} is not the SHA-256 of the query text ({actual})"),
                HASH_MISMATCH,
            ));
        }
        let known = self.manifest.contains_key(&hash);
        Ok((!known).then(|| Registration {
            hash,
            text: request.query.clone(),
        }))
    }

    /// `only` mode: a hash or a text of the manifest, nothing else.
    fn only(&self, request: &mut Request, extension: Option<&Value>) -> Result<(), ServerError> {
        let hash = match extension {
            Some(e) => parse_extension(e)?,
            None => sha256_hex(&request.query),
        };
        let Some(text) = self.manifest.get(&hash) else {
            return Err(coded(
                "only the persisted queries registered with this server may run",
                NOT_IN_LIST,
            ));
        };
        if request.query.is_empty() {
            request.query = text.to_string();
        } else if request.query != **text {
            return Err(coded(
                format!("extensions.persistedQuery.sha256Hash {hash} is not the SHA-256 of the query text"),
                HASH_MISMATCH,
            ));
        }
        Ok(())
    }

    /// The text of a hash: the manifest's, or one a client registered (Redis refreshes its
    /// expiry; an unreachable Redis reads as unknown, and the client sends the text again).
    async fn lookup(&self, hash: &str) -> Option<Arc<str>> {
        if let Some(text) = self.manifest.get(hash) {
            return Some(text.clone());
        }
        match &self.store {
            Store::Memory(cache) => cache.get(hash),
            Store::Redis {
                pool,
                ttl_secs,
                timeout,
            } => {
                let mut get = redis::cmd("GETEX");
                get.arg(redis_key(hash)).arg("EX").arg(*ttl_secs);
                let text: Option<Option<String>> = redis_call(pool, *timeout, &get, "look up").await;
                text.flatten().map(Arc::from)
            }
        }
    }

    /// Keeps a registered text (a failure only means the client will send it again).
    pub async fn register(&self, registration: Registration) {
        let Registration { hash, text } = registration;
        match &self.store {
            Store::Memory(cache) => cache.insert(hash, Arc::from(text)),
            Store::Redis {
                pool,
                ttl_secs,
                timeout,
            } => {
                let mut set = redis::cmd("SET");
                set.arg(redis_key(&hash)).arg(text).arg("EX").arg(*ttl_secs);
                let _: Option<()> = redis_call(pool, *timeout, &set, "store").await;
            }
        }
    }
}

/// One Redis command within `timeout`; None (logged) when Redis fails or is slow, which only
/// means the client sends the text (again).
async fn redis_call<T: redis::FromRedisValue>(
    pool: &deadpool_redis::Pool,
    timeout: Duration,
    cmd: &redis::Cmd,
    what: &str,
) -> Option<T> {
    let call = async {
        let mut conn = pool.get().await.map_err(|e| e.to_string())?;
        cmd.query_async::<T>(&mut conn).await.map_err(|e| e.to_string())
    };
    match tokio::time::timeout(timeout, call).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "could not {what} a persisted query in Redis");
            None
        }
        Err(_) => {
            tracing::warn!("Redis did not answer in time to {what} a persisted query");
            None
        }
    }
}

/// Apollo's manifest (`{"format": "apollo-persisted-query-manifest", "operations": [{"id",
/// "body"}]}`) or a plain object of hash → text; every hash must be its text's SHA-256.
fn load_manifest(path: &Path) -> Result<HashMap<String, Arc<str>>, SetupError> {
    let fail = |message: String| SetupError::Manifest {
        path: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| fail(format!("not JSON: {e}")))?;
    let pairs: Vec<(String, String)> = match &json {
        serde_json::Value::Object(map) if map.contains_key("operations") => map["operations"]
            .as_array()
            .ok_or_else(|| fail("`operations` must be an array".into()))?
            .iter()
            .enumerate()
            .map(|(i, op)| match (op["id"].as_str(), op["body"].as_str()) {
                (Some(id), Some(body)) => Ok((id.to_owned(), body.to_owned())),
                _ => Err(fail(format!("operations[{i}] needs string `id` and `body`"))),
            })
            .collect::<Result<_, _>>()?,
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(hash, text)| match text.as_str() {
                Some(t) => Ok((hash.clone(), t.to_owned())),
                None => Err(fail(format!("`{hash}` must map to a query text"))),
            })
            .collect::<Result<_, _>>()?,
        _ => return Err(fail("must be a JSON object".into())),
    };
    pairs
        .into_iter()
        .map(|(hash, text)| {
            let actual = sha256_hex(&text);
            if actual != hash {
                return Err(fail(format!("`{hash}` is not the SHA-256 of its text ({actual})")));
            }
            Ok((hash, Arc::from(text)))
        })
        .collect()
}

#[cfg(test)]
mod tests;
