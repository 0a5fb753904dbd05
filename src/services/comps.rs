//! Comp-Critic valuations for a tenant: a per-tenant cache of the fitted `CompModel`, refitted
//! when the tenant's sales change, and valuations computed off the async threads.
use crate::analytics::comps::{CompConfig, CompError, CompModel, CompValuation, Subject};
use crate::persistence::repositories::sales::{self, SalesFingerprint};
use crate::persistence::{TenantId, TenantTx};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::RwLock;

/// Why a valuation could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ValuationError {
    #[error("this tenant has no usable sales dated before {as_of}; import sales first")]
    NoSales { as_of: NaiveDate },
    #[error(transparent)]
    Comp(#[from] CompError),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("valuation task failed: {0}")]
    Task(String),
}

/// A fitted model and the data it was fitted on.
#[derive(Clone)]
pub struct Fitted {
    pub model: Arc<CompModel>,
    pub fingerprint: SalesFingerprint,
    /// Whether the model came from the cache rather than a fit for this call.
    pub cached: bool,
}

/// A valuation with what produced it.
pub struct Valued {
    pub valuation: CompValuation,
    pub as_of: NaiveDate,
    pub fingerprint: SalesFingerprint,
}

struct Entry {
    fingerprint: SalesFingerprint,
    model: Arc<CompModel>,
}

/// Shared by all requests (schema data); one cached model per tenant.
#[derive(Default)]
pub struct CompService {
    cfg: CompConfig,
    models: RwLock<HashMap<TenantId, Entry>>,
}

impl CompService {
    pub fn new(cfg: CompConfig) -> Self {
        Self {
            cfg,
            models: RwLock::new(HashMap::new()),
        }
    }

    pub fn config(&self) -> &CompConfig {
        &self.cfg
    }

    /// A model that may value at `as_of`. The cached model is fitted the day after the tenant's
    /// newest sale, so it has seen every sale and serves any later date; an earlier `as_of`
    /// (a historical valuation) gets a fresh fit on the sales before it, which is not cached.
    pub async fn model(&self, tx: &TenantTx, as_of: NaiveDate) -> Result<Fitted, ValuationError> {
        let fp = sales::fingerprint(tx).await?;
        let Some(last) = fp.last_sale_date else {
            return Err(ValuationError::NoSales { as_of });
        };
        let fit_date = last.succ_opt().unwrap_or(last);
        let tenant = tx.tenant();
        if as_of >= fit_date {
            if let Some(e) = self.models.read().await.get(&tenant)
                && e.fingerprint == fp
            {
                return Ok(Fitted {
                    model: e.model.clone(),
                    fingerprint: fp,
                    cached: true,
                });
            }
            let model = self.fit(tx, fit_date).await?;
            self.models.write().await.insert(
                tenant,
                Entry {
                    fingerprint: fp,
                    model: model.clone(),
                },
            );
            return Ok(Fitted {
                model,
                fingerprint: fp,
                cached: false,
            });
        }
        Ok(Fitted {
            model: self.fit(tx, as_of).await?,
            fingerprint: fp,
            cached: false,
        })
    }

    async fn fit(&self, tx: &TenantTx, as_of: NaiveDate) -> Result<Arc<CompModel>, ValuationError> {
        let (all, skipped) = sales::load_for_engine(tx).await?;
        if skipped > 0 {
            tracing::warn!(
                skipped,
                "stored sales without the values the engine needs were left out"
            );
        }
        if !all.iter().any(|s| s.sale_date < as_of) {
            return Err(ValuationError::NoSales { as_of });
        }
        let cfg = self.cfg.clone();
        let started = std::time::Instant::now();
        let model = tokio::task::spawn_blocking(move || CompModel::fit(&all, as_of, &cfg))
            .await
            .map_err(|e| ValuationError::Task(e.to_string()))??;
        tracing::info!(%as_of, pool = model.pool_size(), ms = started.elapsed().as_millis() as u64, "comp model fitted");
        Ok(Arc::new(model))
    }

    /// Values `subject` at `as_of` from the tenant's sales strictly before `as_of`.
    #[tracing::instrument(skip_all, fields(tenant = %tx.tenant(), %as_of))]
    pub async fn value(&self, tx: &TenantTx, subject: Subject, as_of: NaiveDate) -> Result<Valued, ValuationError> {
        // A subject the engine would refuse should not cost a model fit first.
        subject.validate(as_of)?;
        let _timer = crate::telemetry::metrics::valuation_timer("comp_critic");
        let fitted = self.model(tx, as_of).await?;
        let model = fitted.model;
        let valuation = tokio::task::spawn_blocking(move || model.value(&subject, as_of))
            .await
            .map_err(|e| ValuationError::Task(e.to_string()))??;
        Ok(Valued {
            valuation,
            as_of,
            fingerprint: fitted.fingerprint,
        })
    }

    /// Forgets a tenant's model (the fingerprint would also catch the change; this frees memory early).
    pub async fn invalidate(&self, tenant: TenantId) {
        self.models.write().await.remove(&tenant);
    }
}
