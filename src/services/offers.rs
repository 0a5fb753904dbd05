//! Offers: a bid on a property (documents can be attached to it), validated and audited; and the
//! offers on a property.
use super::caller::Caller;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::scoped;
use reos_entities::enums::OfferStatus;
use reos_entities::offer;
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

/// A new offer.
pub struct NewOffer {
    pub property_id: String,
    pub bidder: String,
    /// In the currency unit; must be positive.
    pub amount: f64,
    pub status: OfferStatus,
    /// When the offer was made; defaults to now.
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Records an offer on a property.
pub async fn create(c: &Caller<'_>, input: NewOffer) -> ApiResult<offer::Model> {
    let property_id = c.parent(&input.property_id).await?;
    rules::non_empty("input.bidder", Some(&input.bidder))?;
    if !(input.amount.is_finite() && input.amount > 0.0) {
        return Err(ApiError::bad_input("input.amount", "must be positive"));
    }
    let now = chrono::Utc::now();
    let saved = offer::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        property_id: Set(property_id),
        bidder: Set(input.bidder.trim().to_owned()),
        amount: Set(input.amount),
        status: Set(input.status),
        submitted_at: Set(input.submitted_at.unwrap_or(now)),
        created_by: Set(c.actor.to_owned()),
        created_at: Set(now),
    }
    .insert(c.tx.conn().await?)
    .await?;
    c.audit(
        "create",
        "offer",
        Some(saved.id),
        serde_json::json!({ "amount": saved.amount }),
    )
    .await?;
    Ok(saved)
}

/// Offers on property `property_id` of the tenant, newest first.
pub async fn of_property(tx: &TenantTx, property_id: Uuid) -> ApiResult<Vec<offer::Model>> {
    Ok(scoped::<offer::Entity>(tx)
        .filter(offer::Column::PropertyId.eq(property_id))
        .order_by_desc(offer::Column::SubmittedAt)
        .all(tx.conn().await?)
        .await?)
}
