//! `property(id)` and `properties(filter, orderBy, first, after)` as a Relay connection.
use crate::config::GraphqlSettings;
use crate::graphql::context::tx;
use crate::graphql::loaders::{Loaders, prefetch};
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::lease::Lease;
use crate::graphql::types::property::{Property, columns_read, load_err};
use crate::graphql::types::property_input::{PropertyFilter, PropertyOrder};
use crate::services::{leases, properties};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct PropertyQueries;

#[Object]
impl PropertyQueries {
    /// One property of the caller's tenant; NOT_FOUND for unknown ids and other tenants' ids alike.
    async fn property(&self, ctx: &Context<'_>, id: ID) -> Result<Property> {
        Ok(Property(properties::find(tx(ctx)?, &id).await?))
    }

    /// Properties of the caller's tenant, filtered and ordered, paged Relay-style
    /// (`first` default 50, at most 500).
    #[graphql(complexity = "first.unwrap_or(50).max(0) as usize * child_complexity + 1")]
    async fn properties(
        &self,
        ctx: &Context<'_>,
        filter: Option<PropertyFilter>,
        order_by: Option<PropertyOrder>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, Property, CountedConnection>> {
        let p = page(ctx.data::<GraphqlSettings>()?, first, after.as_deref())?;
        let query = filter.unwrap_or_default().into_query()?;
        let order = order_by.unwrap_or_default().sort();
        // Counting costs more than the page itself: only when totalCount is selected.
        let count = ctx.look_ahead().field("totalCount").exists();
        let node = ctx.look_ahead().field("edges").field("node");
        let columns = columns_read(&node);
        let (total, rows) =
            properties::page(tx(ctx)?, &query, order, p.offset, p.limit, count, columns.as_deref()).await?;
        let ids: Vec<_> = rows.iter().map(|m| m.id).collect();
        prefetch(ctx.data::<Loaders>()?, node, &ids).await.map_err(load_err)?;
        Ok(connection(p, total, rows, Property))
    }

    /// Leases of one property.
    async fn leases(&self, ctx: &Context<'_>, property_id: ID) -> Result<Vec<Lease>> {
        let rows = leases::of_property(tx(ctx)?, &property_id).await?;
        Ok(rows.into_iter().map(Lease).collect())
    }
}
