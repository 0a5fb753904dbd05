//! `document(id)` and `documents(propertyId, leaseId, offerId, first, after)`. Requires analyst.
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::domain::rules;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::document::Document;
use crate::services::documents::{self, DocumentFilter};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct DocumentQueries;

#[Object]
impl DocumentQueries {
    /// One document of the caller's tenant. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn document(&self, ctx: &Context<'_>, id: ID) -> Result<Document> {
        let id = rules::uuid(&id, "document")?;
        Ok(Document(documents::find(tx(ctx)?, id).await?))
    }

    /// Documents of the caller's tenant, newest first, optionally only those of one property
    /// (including its leases' and offers'), lease or offer. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "first.unwrap_or(50).max(0) as usize * child_complexity + 1"
    )]
    async fn documents(
        &self,
        ctx: &Context<'_>,
        property_id: Option<ID>,
        lease_id: Option<ID>,
        offer_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, Document, CountedConnection>> {
        let p = page(ctx.data::<GraphqlSettings>()?, first, after.as_deref())?;
        let filter = DocumentFilter {
            property_id: property_id.map(|id| id.0),
            lease_id: lease_id.map(|id| id.0),
            offer_id: offer_id.map(|id| id.0),
        };
        let (total, rows) = documents::page(tx(ctx)?, &filter, p.offset, p.limit).await?;
        Ok(connection(p, total, rows, Document))
    }
}
