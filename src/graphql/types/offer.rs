//! `Offer`: a bid on a property, with its documents.
use super::document::Document;
use super::enums::OfferStatus;
use crate::graphql::context::tx;
use crate::services::documents;
use async_graphql::{Context, ID, Object, Result};
use reos_entities::offer;

/// An offer on a property of the caller's tenant.
pub struct Offer(pub offer::Model);

#[Object]
impl Offer {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn property_id(&self) -> ID {
        ID(self.0.property_id.to_string())
    }
    async fn bidder(&self) -> &str {
        &self.0.bidder
    }
    /// In the currency unit.
    async fn amount(&self) -> f64 {
        self.0.amount
    }
    async fn status(&self) -> OfferStatus {
        self.0.status.into()
    }
    async fn submitted_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.submitted_at
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// Documents attached to this offer, newest first. Requires analyst.
    #[graphql(guard = "crate::graphql::guards::RoleGuard::new(crate::auth::Role::Analyst)")]
    async fn documents(&self, ctx: &Context<'_>) -> Result<Vec<Document>> {
        let rows = documents::of_offer(tx(ctx)?, self.0.id).await?;
        Ok(rows.into_iter().map(Document).collect())
    }
}
