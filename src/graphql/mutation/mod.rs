//! Root mutations, one domain per file, merged into `MutationRoot`. Each requires operator or
//! admin (user management: admin), validates before writing, and records an audit event in the
//! same transaction.
mod dcf_inputs;
mod dcf_terms;
mod lease;
mod owner;
mod property;
mod sales;
mod user;
mod valuation;

use crate::error::ApiResult;
use crate::graphql::context::RequestCtx;
use crate::persistence::repositories::records::{Audit, audit};
use async_graphql::MergedObject;
use uuid::Uuid;

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    property::PropertyMutations,
    owner::OwnerMutations,
    lease::LeaseMutations,
    user::UserMutations,
    dcf_inputs::DcfInputMutations,
    dcf_terms::DcfTermMutations,
    sales::SalesMutations,
    valuation::ValuationMutations,
);

/// Records `action` on `entity` by the caller.
pub(crate) async fn record(
    r: &RequestCtx,
    action: &str,
    entity: &str,
    id: Uuid,
    details: serde_json::Value,
) -> ApiResult<()> {
    audit(
        &r.tx,
        Audit {
            actor: r.actor(),
            action,
            entity,
            entity_id: Some(id),
            details,
            request_id: Some(&r.request_id),
        },
    )
    .await?;
    Ok(())
}

/// Payload of delete mutations.
#[derive(async_graphql::SimpleObject)]
pub struct DeletePayload {
    pub deleted_id: async_graphql::ID,
}
