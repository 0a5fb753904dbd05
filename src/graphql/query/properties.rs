//! `property(id)` and `properties(filter, orderBy, first, after)` as a Relay connection.
use crate::config::GraphqlSettings;
use crate::domain::rules;
use crate::error::ApiError;
use crate::graphql::context::tx;
use crate::graphql::loaders::{Loaders, prefetch};
use crate::graphql::pagination::{CountedConnection, Cursor, connection, page};
use crate::graphql::types::lease::Lease;
use crate::graphql::types::property::{Property, load_err};
use crate::graphql::types::property_input::{PropertyFilter, PropertyOrder};
use crate::persistence::repositories::{self, leases, properties};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use reos_entities::property;

#[derive(Default)]
pub struct PropertyQueries;

#[Object]
impl PropertyQueries {
    /// One property of the caller's tenant; NOT_FOUND for unknown ids and other tenants' ids alike.
    async fn property(&self, ctx: &Context<'_>, id: ID) -> Result<Property> {
        let id = rules::uuid(&id, "property")?;
        let found = repositories::find::<property::Entity>(tx(ctx)?, id)
            .await
            .map_err(ApiError::from)?;
        Ok(Property(found.ok_or(ApiError::not_found("property"))?))
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
        let limits = ctx.data::<GraphqlSettings>()?;
        let p = page(limits, first, after.as_deref())?;
        let query = filter.unwrap_or_default().into_query()?;
        let (sort, desc) = order_by.unwrap_or_default().sort();
        let tx = tx(ctx)?;
        // Counting a large tenant costs more than the page itself: only when it is selected.
        // Otherwise one extra row tells whether there is a next page.
        let (total, rows) = if ctx.look_ahead().field("totalCount").exists() {
            let total = properties::count(tx, &query).await.map_err(ApiError::from)?;
            let rows = properties::page(tx, &query, sort, desc, p.offset, p.limit)
                .await
                .map_err(ApiError::from)?;
            (total, rows)
        } else {
            let mut rows = properties::page(tx, &query, sort, desc, p.offset, p.limit + 1)
                .await
                .map_err(ApiError::from)?;
            let total = p.offset.saturating_add(rows.len() as u64);
            rows.truncate(p.limit as usize);
            (total, rows)
        };
        let ids: Vec<_> = rows.iter().map(|m| m.id).collect();
        let node = ctx.look_ahead().field("edges").field("node");
        prefetch(ctx.data::<Loaders>()?, node, &ids).await.map_err(load_err)?;
        Ok(connection(p, total, rows, Property))
    }

    /// Leases of one property.
    async fn leases(&self, ctx: &Context<'_>, property_id: ID) -> Result<Vec<Lease>> {
        let id = rules::uuid(&property_id, "property")?;
        let tx = tx(ctx)?;
        repositories::find::<property::Entity>(tx, id)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::not_found("property"))?;
        let mut map = leases::for_properties(tx, &[id]).await.map_err(ApiError::from)?;
        Ok(map.remove(&id).unwrap_or_default().into_iter().map(Lease).collect())
    }
}
