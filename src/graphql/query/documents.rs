//! `document(id)` and `documents(propertyId, leaseId, offerId, first, after)`. Requires analyst.
use crate::auth::Role;
use crate::config::GraphqlSettings;
use crate::domain::rules;
use crate::error::ApiError;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::document::Document;
use crate::persistence::repositories::scoped;
use crate::services::documents;
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use reos_entities::document;
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

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
        let limits = ctx.data::<GraphqlSettings>()?;
        let p = page(limits, first, after.as_deref())?;
        let tx = tx(ctx)?;
        let mut q = scoped::<document::Entity>(tx);
        // A malformed id matches nothing, like an unknown one.
        for (id, col) in [
            (&property_id, document::Column::PropertyId),
            (&lease_id, document::Column::LeaseId),
            (&offer_id, document::Column::OfferId),
        ] {
            if let Some(id) = id {
                q = q.filter(col.eq(uuid::Uuid::parse_str(id.as_str()).unwrap_or_default()));
            }
        }
        let total = q.clone().count(tx.conn()).await.map_err(ApiError::from)?;
        let rows = q
            .order_by_desc(document::Column::CreatedAt)
            .order_by_desc(document::Column::Id)
            .offset(p.offset)
            .limit(p.limit)
            .all(tx.conn())
            .await
            .map_err(ApiError::from)?;
        Ok(connection(p, total, rows, Document))
    }
}
