//! The `revalue` job: every property of the tenant valued again as of today — a Comp-Critic
//! valuation (as `runValuation` saves it) and, where the property has leases or a unit mix, a
//! DCF (as `savePropertyDcf` saves it) — each with its model provenance, audit row and
//! `valuationCompleted` event, through the property walk of [`super::chunks`]. A property that
//! cannot be valued (no comparable sales, missing DCF assumptions) is counted by reason.
use super::chunks::{ChunkWork, Progress};
use super::context::Ctx;
use crate::error::ApiError;
use crate::persistence::TenantTx;
use crate::persistence::repositories::leases as lease_rows;
use crate::services::caller::Caller;
use crate::services::property_dcf::Assumptions;
use crate::services::{stored_dcf, valuations};
use uuid::Uuid;

pub struct Revalue<'a> {
    pub ctx: &'a Ctx,
    pub today: chrono::NaiveDate,
}

impl ChunkWork for Revalue<'_> {
    async fn chunk(&self, c: &Caller<'_>, tx: &TenantTx, ids: &[Uuid], p: &mut Progress) -> Result<(), ApiError> {
        let leases = lease_rows::for_properties(tx, ids).await?;
        let units = lease_rows::unit_mix_for(tx, ids).await?;
        for id in ids {
            let s = id.to_string();
            match valuations::run(c, &self.ctx.comps, &s, self.today).await {
                Ok(_) => p.count("comps"),
                Err(e @ ApiError::Internal(_)) => return Err(e),
                Err(e) => p.skip(&format!("comps:{}", e.code())),
            }
            if leases.contains_key(id) || units.contains_key(id) {
                match stored_dcf::save(c, &s, Assumptions::default(), false).await {
                    Ok(_) => p.count("dcf"),
                    Err(e @ ApiError::Internal(_)) => return Err(e),
                    Err(e) => p.skip(&format!("dcf:{}", e.code())),
                }
            }
        }
        Ok(())
    }
}
