//! Reading one row of the tenant by the id a client wrote, the same way for every entity.
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::{self, TenantOwned};

/// The tenant's row `id`, or NOT_FOUND naming `entity`: an id that is not a UUID, an unknown id
/// and another tenant's id are refused alike.
pub async fn one<E: TenantOwned>(tx: &TenantTx, id: &str, entity: &'static str) -> ApiResult<E::Model> {
    let uuid = rules::uuid(id, entity)?;
    repositories::find::<E>(tx, uuid)
        .await?
        .ok_or(ApiError::not_found(entity))
}
