//! Root mutations, one domain per file, merged into `MutationRoot`. Each requires operator or
//! admin (user management: admin), validates before writing, and records an audit event in the
//! same transaction.
mod dcf_inputs;
mod dcf_terms;
mod document;
mod lease;
mod offer;
mod owner;
mod pipeline;
mod property;
mod property_dcf;
mod sales;
mod user;
pub(crate) mod valuation;

use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::graphql::context::RequestCtx;
use crate::persistence::repositories::records::{Audit, audit};
use crate::persistence::repositories::{self, TenantOwned};
use async_graphql::ID;
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
    pipeline::PipelineMutations,
    document::DocumentMutations,
    offer::OfferMutations,
    property_dcf::PropertyDcfMutations,
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

/// Records the provenance of a mutation's write of `entity` `id`: one row per field whose value
/// `after` differs from `before` (`None` on create), source `user`, method `mutation`, confidence
/// 1, the request as evidence.
pub(crate) async fn fields(
    r: &RequestCtx,
    entity: &str,
    id: Uuid,
    before: Option<serde_json::Map<String, serde_json::Value>>,
    after: serde_json::Map<String, serde_json::Value>,
) -> ApiResult<()> {
    let ctx = crate::pipeline::WriteContext {
        entity: entity.to_owned(),
        source: "user".into(),
        method: "mutation".into(),
        confidence: 1.0,
        evidence_uri: Some(format!("request:{}", r.request_id)),
        actor: r.actor().to_owned(),
    };
    let records = crate::pipeline::diff(before.as_ref(), &after, &ctx).map_err(|e| ApiError::Internal(e.into()))?;
    crate::persistence::repositories::records::provenance(&r.tx, id, records).await?;
    Ok(())
}

/// The tenant's row `id` for a change, or NOT_FOUND (also for other tenants' ids).
pub(crate) async fn existing<E: TenantOwned>(r: &RequestCtx, id: &ID, entity: &'static str) -> ApiResult<E::Model> {
    let uuid = rules::uuid(id, entity)?;
    repositories::find::<E>(&r.tx, uuid)
        .await?
        .ok_or(ApiError::not_found(entity))
}

/// The tenant's property `id` that a new child row (lease, unit type, expense…) attaches to;
/// NOT_FOUND outside the tenant.
pub(crate) async fn parent(r: &RequestCtx, id: &ID) -> ApiResult<Uuid> {
    Ok(existing::<reos_entities::property::Entity>(r, id, "property").await?.id)
}

/// Deletes the tenant's row `id` and records it in the audit log; NOT_FOUND when there is none.
pub(crate) async fn delete_recorded<E: TenantOwned>(
    r: &RequestCtx,
    id: ID,
    entity: &'static str,
    table: &str,
) -> async_graphql::Result<DeletePayload> {
    let uuid = rules::uuid(&id, entity)?;
    if !repositories::delete::<E>(&r.tx, uuid).await? {
        return Err(ApiError::not_found(entity).into());
    }
    record(r, "delete", table, uuid, serde_json::json!({})).await?;
    Ok(DeletePayload { deleted_id: id })
}

/// Payload of delete mutations.
#[derive(async_graphql::SimpleObject)]
pub struct DeletePayload {
    pub deleted_id: async_graphql::ID,
}
