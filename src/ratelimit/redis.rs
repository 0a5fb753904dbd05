//! The Redis limiter (`REOS_REDIS_URL`): `gcra.lua` decides over all of a request's keys in one
//! atomic round trip, so every instance sharing the Redis shares the budget. `redis::Script`
//! sends EVALSHA and falls back to EVAL (which caches the script) on NOSCRIPT.
use super::gcra::KeyVerdict;
use deadpool_redis::{Config, Pool, PoolConfig, Runtime, Timeouts};
use std::time::Duration;

/// Why Redis could not decide.
#[derive(Debug, thiserror::Error)]
pub enum RedisLimiterError {
    #[error("no connection to Redis: {0}")]
    Pool(#[from] deadpool_redis::PoolError),
    #[error("Redis refused the script: {0}")]
    Script(#[from] redis::RedisError),
    #[error("Redis did not answer within {0} ms")]
    Timeout(u64),
    #[error("Redis answered {0} values, expected {1}")]
    Shape(usize, usize),
}

pub struct RedisStore {
    pool: Pool,
    script: redis::Script,
    timeout: Duration,
}

/// A pool of up to 32 connections, each step bounded by `timeout`. Connections are opened
/// lazily, so a Redis that is down now does not stop startup. Also holds persisted queries.
pub fn pool(url: &str, timeout: Duration) -> Result<Pool, deadpool_redis::CreatePoolError> {
    let mut cfg = Config::from_url(url);
    cfg.pool = Some(PoolConfig {
        max_size: 32,
        timeouts: Timeouts {
            wait: Some(timeout),
            create: Some(timeout),
            recycle: Some(timeout),
        },
        ..PoolConfig::default()
    });
    cfg.create_pool(Some(Runtime::Tokio1))
}

impl RedisStore {
    /// The limiter over a [`pool`].
    pub fn new(url: &str, timeout: Duration) -> Result<Self, deadpool_redis::CreatePoolError> {
        Ok(Self {
            pool: pool(url, timeout)?,
            script: redis::Script::new(include_str!("gcra.lua")),
            timeout,
        })
    }

    /// One round trip: decide `cost` over `keys` (key, limit).
    pub async fn decide(
        &self,
        period_ms: u64,
        cost: u64,
        keys: &[(&str, u64)],
    ) -> Result<(bool, Vec<KeyVerdict>), RedisLimiterError> {
        let ms = self.timeout.as_millis() as u64;
        let raw: Vec<i64> = tokio::time::timeout(self.timeout, async {
            let mut conn = self.pool.get().await?;
            let mut call = self.script.prepare_invoke();
            call.arg(cost).arg(period_ms);
            for (key, limit) in keys {
                call.key(*key).arg(*limit);
            }
            Ok::<_, RedisLimiterError>(call.invoke_async(&mut conn).await?)
        })
        .await
        .map_err(|_| RedisLimiterError::Timeout(ms))??;
        let expected = 1 + 4 * keys.len();
        if raw.len() != expected {
            return Err(RedisLimiterError::Shape(raw.len(), expected));
        }
        let as_u64 = |v: i64| u64::try_from(v).unwrap_or(0);
        let verdicts = raw[1..]
            .chunks_exact(4)
            .map(|c| KeyVerdict {
                allowed: c[0] == 1,
                remaining: as_u64(c[1]),
                reset_ms: as_u64(c[2]),
                retry_after_ms: as_u64(c[3]),
            })
            .collect();
        Ok((raw[0] == 1, verdicts))
    }
}
