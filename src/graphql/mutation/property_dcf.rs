//! `savePropertyDcf`: values a stored property as `propertyDcf` does and saves the run as a `dcf`
//! valuation (audited, announced to `valuationCompleted` after the commit). The write lives here,
//! on the Mutation root, so that no query writes. Requires analyst.
use super::record;
use crate::analytics::dcf;
use crate::auth::Role;
use crate::error::ApiError;
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::query::property_dcf::value_stored;
use crate::graphql::types::dcf::DcfResult;
use crate::graphql::types::dcf_stored::DcfAssumptionsInput;
use crate::graphql::types::valuation::Valuation;
use crate::persistence::repositories::dcf_inputs;
use crate::services::property_dcf;
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
        complexity = "crate::graphql::work::price::dcf(crate::graphql::work::price::RunSize::stored(assumptions.as_ref())) + child_complexity"
    )]
    async fn save_property_dcf(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        assumptions: Option<DcfAssumptionsInput>,
    ) -> Result<SavePropertyDcfPayload> {
        let r = req(ctx)?;
        let ledger = ctx.look_ahead().field("result").field("ledger").exists();
        let (p, result) = value_stored(&r.tx, &property_id, assumptions.as_ref(), ledger).await?;
        let mut stored = result.clone();
        stored.ledger = None;
        let json = serde_json::to_value(&stored).map_err(|e| ApiError::Internal(e.into()))?;
        let hash = property_dcf::inputs_hash(&p.raw).map_err(|e| ApiError::Internal(e.into()))?;
        let saved = dcf_inputs::save_valuation(
            &r.tx,
            dcf_inputs::NewDcfValuation {
                property_id: p.property_id,
                model_version: dcf::MODEL_VERSION,
                inputs_hash: hash,
                value: result.dcf_value,
                result: json,
                created_by: r.actor(),
            },
        )
        .await
        .map_err(ApiError::from)?;
        let details = serde_json::json!({"property_id": p.property_id, "model": "dcf"});
        record(r, "create", "valuation", saved.id, details).await?;
        crate::graphql::subscription::valuation_saved(ctx, &saved);
        Ok(SavePropertyDcfPayload {
            valuation: Valuation(saved),
            result: result.into(),
        })
    }
}
