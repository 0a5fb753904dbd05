//! `createOffer`: a bid on a property, to attach documents to. Requires operator.
use super::{parent, record};
use crate::auth::Role;
use crate::domain::rules;
use crate::error::ApiError;
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::enums::OfferStatus;
use crate::graphql::types::offer::Offer;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use reos_entities::offer;
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

#[derive(Default)]
pub struct OfferMutations;

#[derive(InputObject)]
pub struct CreateOfferInput {
    pub property_id: ID,
    pub bidder: String,
    /// In the currency unit; must be positive.
    pub amount: f64,
    #[graphql(default_with = "OfferStatus::Submitted")]
    pub status: OfferStatus,
    /// When the offer was made; defaults to now.
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(SimpleObject)]
pub struct OfferPayload {
    pub offer: Offer,
}

#[Object]
impl OfferMutations {
    /// Records an offer on a property. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_offer(&self, ctx: &Context<'_>, input: CreateOfferInput) -> Result<OfferPayload> {
        let r = req(ctx)?;
        let property_id = parent(r, &input.property_id).await?;
        rules::non_empty("input.bidder", Some(&input.bidder))?;
        if !(input.amount.is_finite() && input.amount > 0.0) {
            return Err(ApiError::bad_input("input.amount", "must be positive").into());
        }
        let now = chrono::Utc::now();
        let saved = offer::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_id: Set(property_id),
            bidder: Set(input.bidder.trim().to_owned()),
            amount: Set(input.amount),
            status: Set(input.status.as_db().to_owned()),
            submitted_at: Set(input.submitted_at.unwrap_or(now)),
            created_by: Set(r.actor().to_owned()),
            created_at: Set(now),
        }
        .insert(r.tx.conn())
        .await
        .map_err(ApiError::from)?;
        record(
            r,
            "create",
            "offer",
            saved.id,
            serde_json::json!({ "amount": saved.amount }),
        )
        .await?;
        Ok(OfferPayload { offer: Offer(saved) })
    }
}
