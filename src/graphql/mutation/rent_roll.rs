//! `previewRentRoll` and `importRentRoll` (docs/rent-roll.md): a seller's rent roll uploaded as a
//! GraphQL multipart file, previewed for a property or imported into it through
//! `services::rent_roll`, inside the request's transaction. Both require operator.
use crate::auth::Role;
use crate::error::ApiError;
use crate::graphql::context::{caller, tx};
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::rent_roll::{ImportRentRollPayload, RentRollPreview};
use crate::services::rent_roll::{self, ColumnChoice, Options, Preview, RentRollError, RentRollFile};
use crate::services::valuations::today;
use async_graphql::{Context, ErrorExtensions, ID, InputObject, Object, Result, Upload};
use chrono::NaiveDate;

#[derive(Default)]
pub struct RentRollMutations;

/// A choice over the detected mapping: which field a column fills, or that it is not read.
#[derive(InputObject)]
pub struct RentRollColumnInput {
    /// 0-based column index (0 = column A), as `RentRollColumn.index` gives it.
    pub column: i32,
    /// The row value the column fills (`tenant`, `suite`, `area_sf`, `annual_rent`,
    /// `monthly_rent`, `rent_psf_annual`, `rent_psf_monthly`, `start`, `end`, `unit`, `unit_type`,
    /// `actual_rent`, `market_rent`, … docs/rent-roll.md); null leaves the column unread.
    pub field: Option<String>,
}

/// Input of `previewRentRoll`.
#[derive(InputObject)]
pub struct PreviewRentRollInput {
    /// The property the roll is for (a multifamily roll needs a multifamily property).
    pub property_id: ID,
    /// The roll: `.csv`, `.xlsx` or `.xls` (GraphQL multipart request spec; at most 64 MiB).
    pub file: Upload,
    /// The worksheet of a workbook (default: the first non-empty one).
    pub sheet: Option<String>,
    /// The date WALE and the expiry ladder count from (default today).
    pub as_of: Option<NaiveDate>,
    /// Market rent per sf per year of a commercial roll's spaces (a `Market Rent PSF` column wins).
    pub market_rent_psf: Option<f64>,
    /// Choices over the detected column mapping (e.g. the unit of an unlabeled rent).
    pub mapping: Option<Vec<RentRollColumnInput>>,
}

/// Input of `importRentRoll`: the same as `previewRentRoll`'s.
#[derive(InputObject)]
pub struct ImportRentRollInput {
    /// The property the roll is imported into.
    pub property_id: ID,
    /// The roll: `.csv`, `.xlsx` or `.xls` (GraphQL multipart request spec; at most 64 MiB).
    pub file: Upload,
    pub sheet: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub market_rent_psf: Option<f64>,
    /// Choices over the detected column mapping, as previewed.
    pub mapping: Option<Vec<RentRollColumnInput>>,
}

/// The service's options from the input's fields.
fn options(
    sheet: Option<String>,
    as_of: Option<NaiveDate>,
    market_rent_psf: Option<f64>,
    mapping: Option<Vec<RentRollColumnInput>>,
) -> Result<Options, ApiError> {
    if let Some(m) = market_rent_psf.filter(|m| !m.is_finite() || *m < 0.0) {
        return Err(ApiError::bad_input(
            "input.marketRentPsf",
            format!("{m} is not a rent per sf (a number ≥ 0)"),
        ));
    }
    let mut choices = Vec::new();
    for (i, c) in mapping.unwrap_or_default().into_iter().enumerate() {
        let column = usize::try_from(c.column)
            .map_err(|_| ApiError::bad_input(format!("input.mapping[{i}].column"), "a column index is 0 or more"))?;
        choices.push(ColumnChoice { column, field: c.field });
    }
    Ok(Options {
        as_of: as_of.unwrap_or_else(today),
        sheet,
        market_rent_psf,
        mapping: choices,
    })
}

/// A rejected roll as BAD_USER_INPUT naming the first blocking problem's place
/// (`input.file[row 12].Lease Exp`, `input.file[header].Rent`, `input.file`), the message listing
/// every blocking problem, and `extensions.problems` every problem `{row, column, code, message,
/// blocking}`.
fn refused(e: RentRollError) -> async_graphql::Error {
    let RentRollError::Rejected(p) = &e else {
        return ApiError::from(e).into();
    };
    let place = place(p);
    let problems = serde_json::to_value(&p.problems).unwrap_or_default();
    ApiError::bad_input(place, e.message()).extend().extend_with(|_, x| {
        x.set(
            "problems",
            async_graphql::Value::from_json(problems).unwrap_or_default(),
        )
    })
}

fn place(p: &Preview) -> String {
    let first = p.problems.iter().find(|x| x.blocking);
    match first.map(|x| (x.row, x.column.as_deref())) {
        Some((Some(row), Some(col))) => format!("input.file[row {row}].{col}"),
        Some((Some(row), None)) => format!("input.file[row {row}]"),
        Some((None, Some(col))) => format!("input.file[header].{col}"),
        _ => "input.file".into(),
    }
}

#[Object]
impl RentRollMutations {
    /// The preview of a rent roll for a property — the header, each column's mapping and why,
    /// every row kept or skipped and why, the problems and the metrics — exactly what
    /// `importRentRoll` would write from. Writes nothing: it is a mutation only because file
    /// uploads are (GraphQL multipart requests are mutations). Requires operator (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Operator)",
        complexity = "crate::graphql::price::import(None) + child_complexity"
    )]
    async fn preview_rent_roll(&self, ctx: &Context<'_>, input: PreviewRentRollInput) -> Result<RentRollPreview> {
        let (name, bytes) = crate::graphql::upload::named_file(ctx, &input.file)?;
        let opts = options(input.sheet, input.as_of, input.market_rent_psf, input.mapping)?;
        let file = RentRollFile {
            name: &name,
            bytes: &bytes,
        };
        let p = rent_roll::preview_for(tx(ctx)?, input.property_id.as_str(), file, &opts).await?;
        Ok(RentRollPreview(p))
    }

    /// Imports a rent roll into a property: a commercial roll's suites merged into its leases by
    /// suite, a multifamily roll's units into its unit mix, every value with provenance (the
    /// file, its SHA-256, the row). A roll with any blocking problem writes nothing and is
    /// BAD_USER_INPUT with every problem in `extensions.problems`. Requires operator (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Operator)",
        complexity = "crate::graphql::price::import(None) + child_complexity"
    )]
    async fn import_rent_roll(&self, ctx: &Context<'_>, input: ImportRentRollInput) -> Result<ImportRentRollPayload> {
        let (name, bytes) = crate::graphql::upload::named_file(ctx, &input.file)?;
        let opts = options(input.sheet, input.as_of, input.market_rent_psf, input.mapping)?;
        let file = RentRollFile {
            name: &name,
            bytes: &bytes,
        };
        let done = rent_roll::import(&caller(ctx)?, input.property_id.as_str(), file, &opts)
            .await
            .map_err(refused)?;
        Ok(ImportRentRollPayload {
            preview: RentRollPreview(done.preview),
            written: done.written.into(),
        })
    }
}
