//! The `[graphql]` table: limits that protect the GraphQL endpoint, and the response cache
//! (`[graphql.response_cache]`); environment names are `REOS_GRAPHQL__*`.
use super::{ConfigError, ROLE_NAMES};
use serde::{Deserialize, Serialize};

/// Limits that protect the GraphQL endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphqlSettings {
    /// Whether `__schema` / `__type` introspection is answered.
    pub introspection: bool,
    /// Maximum depth of data selections (introspection is measured apart).
    pub max_depth: usize,
    /// Maximum work of one operation: async-graphql's complexity (each field costs 1, connections
    /// multiply by `first`, compute-heavy fields cost what they compute: docs/graphql.md).
    pub max_complexity: usize,
    /// Per-role overrides of `max_complexity` (`[graphql.role_max_complexity]`, e.g. `admin = 100000`).
    pub role_max_complexity: std::collections::HashMap<String, usize>,
    /// Largest query text in bytes (large inputs go in variables); more is QUERY_TOO_COMPLEX.
    pub max_query_bytes: usize,
    /// Most lexical tokens in a query text.
    pub max_tokens: usize,
    /// Most fragment definitions in a document.
    pub max_fragments: usize,
    /// Most selections in an operation once every fragment spread is expanded.
    pub max_nodes: u64,
    /// Deepest `__schema` / `__type` selection, counted from the root.
    pub introspection_max_depth: usize,
    /// Longest a GraphQL request may run, in seconds; then it is cancelled (rolled back) with
    /// a TIMEOUT error. Also bounds how long a shutdown waits for it.
    pub request_timeout_secs: u64,
    /// Bytes of multipart uploads being received at once, across all requests, in MiB; an upload
    /// that does not fit waits up to 10 s, then gets HTTP 503 UPLOADS_BUSY.
    pub uploads_in_flight_mb: u64,
    /// Maximum number of aliased fields in one operation.
    pub max_aliases: usize,
    /// Maximum number of root fields in one operation.
    pub max_root_fields: usize,
    /// Maximum operations in one batched HTTP request.
    pub max_batch: usize,
    /// Page size when `first` is not given.
    pub default_page_size: u64,
    /// Largest `first` accepted; more is refused with BAD_USER_INPUT.
    pub max_page_size: u64,
    /// Largest JSON request body in bytes; more is refused with HTTP 413 before parsing.
    pub max_body_bytes: usize,
    /// Cache of whole query responses (`[graphql.response_cache]`, PostgreSQL only).
    pub response_cache: ResponseCacheSettings,
    /// Persisted queries (`extensions.persistedQuery`): `automatic` (Apollo's APQ, the default),
    /// `only` (nothing runs but the queries of `persisted_queries_manifest`) or `off`.
    pub persisted_queries: PersistedQueries,
    /// The queries registered ahead of time: Apollo's persisted query manifest
    /// (`{"format": "apollo-persisted-query-manifest", "operations": [{"id", "body"}]}`) or a
    /// JSON object of SHA-256 hex → query text. Required by `only`; with `automatic` its queries
    /// are known from the start.
    pub persisted_queries_manifest: Option<std::path::PathBuf>,
    /// Memory budget in MiB of the query texts this process keeps when there is no Redis (the
    /// least useful dropped first).
    pub persisted_queries_max_mb: u64,
    /// Seconds a query stays in Redis after it was last used (every instance shares them).
    pub persisted_queries_ttl_secs: u64,
}

/// What `extensions.persistedQuery` may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersistedQueries {
    /// A hash alone runs a query sent once with it (Apollo's automatic persisted queries).
    #[default]
    Automatic,
    /// Only the manifest's queries run, by hash or by text; anything else is refused.
    Only,
    /// `extensions.persistedQuery` is refused; full texts run as always.
    Off,
}

/// The response cache (`src/http/response_cache.rs`): successful query responses, per tenant and
/// token, dropped when a write of the tenant commits (PostgreSQL `NOTIFY`). Not used on SQLite.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResponseCacheSettings {
    /// Whether query responses are cached (`REOS_GRAPHQL__RESPONSE_CACHE__ENABLED`).
    pub enabled: bool,
    /// Memory budget of the cache in MiB (`REOS_GRAPHQL__RESPONSE_CACHE__MAX_MB`).
    pub max_mb: u64,
    /// Seconds an entry may be served at most, which bounds the drift of clock-dependent values
    /// such as trust freshness (`REOS_GRAPHQL__RESPONSE_CACHE__TTL_SECS`).
    pub ttl_secs: u64,
}

impl Default for ResponseCacheSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            max_mb: 64,
            ttl_secs: 30,
        }
    }
}

impl Default for GraphqlSettings {
    fn default() -> Self {
        Self {
            introspection: true,
            max_depth: 12,
            max_complexity: 20_000,
            role_max_complexity: Default::default(),
            max_query_bytes: 32_768,
            max_tokens: 8_000,
            max_fragments: 100,
            max_nodes: 1_000,
            introspection_max_depth: 20,
            request_timeout_secs: 60,
            uploads_in_flight_mb: 256,
            max_aliases: 30,
            max_root_fields: 20,
            max_batch: 10,
            default_page_size: 50,
            max_page_size: 500,
            max_body_bytes: 8 * 1024 * 1024,
            response_cache: ResponseCacheSettings::default(),
            persisted_queries: PersistedQueries::Automatic,
            persisted_queries_manifest: None,
            persisted_queries_max_mb: 16,
            persisted_queries_ttl_secs: 7 * 24 * 3600,
        }
    }
}

impl GraphqlSettings {
    /// Page sizes in order, known role names, non-zero timeouts and upload budgets.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.default_page_size == 0 || self.default_page_size > self.max_page_size {
            return Err(ConfigError::Invalid {
                field: "graphql.default_page_size",
                message: "must be between 1 and graphql.max_page_size".into(),
            });
        }
        if let Some(role) = self
            .role_max_complexity
            .keys()
            .find(|r| !ROLE_NAMES.contains(&r.as_str()))
        {
            return Err(ConfigError::Invalid {
                field: "graphql.role_max_complexity",
                message: format!("`{role}` is not a role (viewer, analyst, operator, admin)"),
            });
        }
        if self.persisted_queries == PersistedQueries::Only && self.persisted_queries_manifest.is_none() {
            return Err(ConfigError::Invalid {
                field: "graphql.persisted_queries_manifest",
                message: "`persisted_queries = \"only\"` needs the manifest of the queries that may run".into(),
            });
        }
        for (field, value) in [
            ("graphql.request_timeout_secs", self.request_timeout_secs),
            ("graphql.uploads_in_flight_mb", self.uploads_in_flight_mb),
            ("graphql.persisted_queries_max_mb", self.persisted_queries_max_mb),
            ("graphql.persisted_queries_ttl_secs", self.persisted_queries_ttl_secs),
        ] {
            if value == 0 {
                return Err(ConfigError::Invalid {
                    field,
                    message: "must be at least 1".into(),
                });
            }
        }
        Ok(())
    }
}
