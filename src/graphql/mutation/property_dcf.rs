//! `savePropertyDcf`: values a stored property as `propertyDcf` does and saves the run as a `dcf`
//! valuation (audited, announced to `valuationCompleted` after the commit). The write lives here,
//! on the Mutation root, so that no query writes. Requires analyst.
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::query::property_dcf::overrides;
use crate::graphql::types::dcf::DcfResult;
use crate::graphql::types::dcf_stored::DcfAssumptionsInput;
use crate::graphql::types::valuation::Valuation;
use crate::services::stored_dcf;
use async_graphql::{Context, ID, Object, Result, SimpleObject};

#[derive(Default)]
pub struct PropertyDcfMutations;

/// Payload of `savePropertyDcf`: the saved record and the valuation itself.
#[derive(SimpleObject)]
pub struct SavePropertyDcfPayload {
    pub valuation: Valuation,
    pub result: DcfResult,
}

#[Object]
impl PropertyDcfMutations {
    /// Values a stored property like `propertyDcf` (same arguments) and saves the run as a `dcf`
    /// valuation, which becomes the property's `latestValuation`. The saved document leaves out
    /// the monthly ledger (it is reproducible from the inputs). Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::price::dcf(crate::graphql::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
    )]
    async fn save_property_dcf(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        assumptions: Option<DcfAssumptionsInput>,
    ) -> Result<SavePropertyDcfPayload> {
        let ledger = ctx.look_ahead().field("result").field("ledger").exists();
        let over = overrides(assumptions.as_ref());
        let (saved, result) = stored_dcf::save(&caller(ctx)?, &property_id, over, ledger).await?;
        Ok(SavePropertyDcfPayload {
            valuation: Valuation(saved),
            result: result.into(),
        })
    }
}
