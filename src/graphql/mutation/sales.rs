//! `importSales`: the canonical sales CSV through the same gate and upsert as `reos import
//! sales`, inside the request's transaction. Requires operator.
use crate::auth::Role;
use crate::error::ApiError;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::services::sales_import::{self, ImportError};
use crate::services::valuations::today;
use async_graphql::{Context, InputObject, Object, Result, SimpleObject, Upload};

#[derive(Default)]
pub struct SalesMutations;

/// Input of `importSales`: the file's text, or the file itself as a GraphQL multipart upload
/// (exactly one of the two).
#[derive(InputObject)]
pub struct ImportSalesInput {
    /// The file's text in the canonical sales format of docs/avm.md (header row first).
    pub csv: Option<String>,
    /// The same file uploaded (GraphQL multipart request spec); at most 64 MiB.
    pub file: Option<Upload>,
}

/// What an import did; re-importing the same file changes nothing.
#[derive(SimpleObject)]
pub struct ImportSalesPayload {
    /// Data rows in the file.
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

#[Object]
impl SalesMutations {
    /// Imports sales into the caller's tenant: every row is checked before anything is written,
    /// and a file with any problem writes nothing. Upserts on `saleId`. Requires operator (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Operator)",
        complexity = "crate::graphql::price::import(input.csv.as_ref()) + child_complexity"
    )]
    async fn import_sales(&self, ctx: &Context<'_>, input: ImportSalesInput) -> Result<ImportSalesPayload> {
        let bytes = crate::graphql::upload::text_or_file(ctx, input.csv, input.file)?;
        let summary = match sales_import::import_recorded(&caller(ctx)?, bytes.as_slice(), today()).await {
            Ok(s) => s,
            Err(ImportError::Rejected(report)) => {
                return Err(crate::graphql::upload::refused_file(&report.violations, &report));
            }
            Err(ImportError::Db(e)) => return Err(ApiError::from(e).into()),
        };
        Ok(ImportSalesPayload {
            rows: summary.rows,
            inserted: summary.inserted,
            updated: summary.updated,
            unchanged: summary.unchanged,
        })
    }
}
