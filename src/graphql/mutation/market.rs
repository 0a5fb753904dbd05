//! `importMarketSeries`: the canonical market CSV through the same gate and upsert as
//! `reos import market`, inside the request's transaction. Requires operator.
use crate::auth::Role;
use crate::error::ApiError;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::market::ImportMarketSeriesPayload;
use crate::services::market::import::{self, ImportError};
use crate::services::valuations::today;
use async_graphql::{Context, InputObject, Object, Result, Upload};

#[derive(Default)]
pub struct MarketMutations;

/// Input of `importMarketSeries`: the file's text, or the file itself as a GraphQL multipart
/// upload (exactly one of the two).
#[derive(InputObject)]
pub struct ImportMarketSeriesInput {
    /// `market,month,median_price,sales,volume,listings,inventory_months` (docs/market.md).
    pub csv: Option<String>,
    /// The same file uploaded (GraphQL multipart request spec).
    pub file: Option<Upload>,
}

#[Object]
impl MarketMutations {
    /// Imports monthly market series into the caller's tenant: every row is checked before
    /// anything is written, a file with any problem writes nothing, and rows replace the same
    /// market and month. Requires operator (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Operator)",
        complexity = "crate::graphql::price::import(input.csv.as_ref()) + child_complexity"
    )]
    async fn import_market_series(
        &self,
        ctx: &Context<'_>,
        input: ImportMarketSeriesInput,
    ) -> Result<ImportMarketSeriesPayload> {
        let bytes = crate::graphql::upload::text_or_file(ctx, input.csv, input.file)?;
        let s = match import::import_recorded(&caller(ctx)?, bytes.as_slice(), today()).await {
            Ok(s) => s,
            Err(ImportError::Rejected(report)) => {
                return Err(crate::graphql::upload::refused_file(&report.violations, &report));
            }
            Err(ImportError::Db(e)) => return Err(ApiError::from(e).into()),
        };
        Ok(ImportMarketSeriesPayload {
            rows: s.rows,
            markets: s.markets,
            inserted: s.inserted,
            updated: s.updated,
            unchanged: s.unchanged,
        })
    }
}
