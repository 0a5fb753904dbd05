//! `markets` and `marketRegime` (docs/market.md). Analyst or higher; a market of another tenant
//! (or none) is NOT_FOUND.
use crate::auth::Role;
use crate::graphql::context::tx;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::market::{Market, MarketRegime, as_of, regime_config};
use crate::services::market;
use async_graphql::{Context, Object, Result};

#[derive(Default)]
pub struct MarketQueries;

#[Object]
impl MarketQueries {
    /// The tenant's markets: imported ones, then those derived from its sales (`sales:CITY`,
    /// `sales:CITY/NEIGHBOURHOOD`). Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn markets(&self, ctx: &Context<'_>) -> Result<Vec<Market>> {
        Ok(market::list(tx(ctx)?).await?.into_iter().map(Market::from).collect())
    }

    /// One market by name. Requires analyst.
    #[graphql(guard = "RoleGuard::new(Role::Analyst)")]
    async fn market(&self, ctx: &Context<'_>, name: String) -> Result<Market> {
        let (info, _) = market::rows(tx(ctx)?, &name).await?;
        Ok(info.into())
    }

    /// A market's regime in `asOf` (`YYYY-MM`; default its last month), from data up to that
    /// month only. Requires analyst.
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::types::market::MARKET_DETECTOR + child_complexity"
    )]
    async fn market_regime(&self, ctx: &Context<'_>, market: String, as_of: Option<String>) -> Result<MarketRegime> {
        let view = market::regime_of(tx(ctx)?, &market, self::as_of(as_of.as_deref())?, &regime_config(ctx)).await?;
        Ok(view.into())
    }
}
