//! `createOffer`: a bid on a property, to attach documents to. Requires operator.
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::enums::OfferStatus;
use crate::graphql::types::offer::Offer;
use crate::services::offers;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

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
        let new = offers::NewOffer {
            property_id: input.property_id.0,
            bidder: input.bidder,
            amount: input.amount,
            status: input.status.into(),
            submitted_at: input.submitted_at,
        };
        let saved = offers::create(&caller(ctx)?, new).await?;
        Ok(OfferPayload { offer: Offer(saved) })
    }
}
