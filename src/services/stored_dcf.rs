//! The DCF of a stored property: its rows as the engine's input (stored assumptions overlaid
//! with the caller's), valued on the blocking pool, and a run saved as a `dcf` valuation.
use super::caller::Caller;
use super::dcf_run::{blocking, engine_error, graphql_path};
use super::property_dcf::{self, Assumptions};
use crate::analytics::dcf::{self, DcfError, DcfInput, RawDcfInput, ValueOptions};
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::dcf_inputs;
use reos_entities::valuation;
use uuid::Uuid;

/// Top-level engine fields that come from the assumptions (stored or overridden).
const ASSUMPTION_FIELDS: &[&str] = &[
    "analysis_start",
    "hold_years",
    "purchase_price",
    "discount_rate",
    "equity_discount_rate",
    "exit_cap_rate",
    "selling_cost_pct",
    "closing_cost_pct",
    "market_rent_growth",
    "expense_growth",
    "general_vacancy_pct",
    "other_income_annual",
    "management_fee_pct",
    "capital_reserve_annual",
];

/// The property's engine input and its profile names (for error paths).
pub struct Prepared {
    pub raw: RawDcfInput,
    pub names: Vec<String>,
    pub property_id: Uuid,
}

impl Prepared {
    /// The engine input of a property's stored rows, the stored assumptions overlaid with `overrides`.
    pub fn from_rows(rows: &dcf_inputs::PropertyDcfRows, overrides: Assumptions) -> Self {
        Self {
            raw: property_dcf::raw_input(rows, overrides),
            names: rows.profiles.iter().map(|m| m.name.clone()).collect(),
            property_id: rows.property.id,
        }
    }
}

pub async fn prepare(tx: &TenantTx, id: &str, overrides: Assumptions) -> ApiResult<Prepared> {
    let p = super::properties::find(tx, id).await?;
    let rows = dcf_inputs::rows(tx, p).await?;
    Ok(Prepared::from_rows(&rows, overrides))
}

/// Assumption fields are named under `assumptions`, stored data under `property`.
pub fn property_error(e: &DcfError, names: &[String]) -> ApiError {
    let field = e.field();
    let prefix = if ASSUMPTION_FIELDS.contains(&field) || field.starts_with("multifamily.") {
        "assumptions"
    } else {
        "property"
    };
    let err = engine_error(e, prefix, names);
    match (err, field.strip_prefix("multifamily.")) {
        (ApiError::BadInput { message, .. }, Some(rest)) => {
            ApiError::bad_input(format!("assumptions.{}", graphql_path(rest, names)), message)
        }
        (err, _) => err,
    }
}

pub fn validated(p: &Prepared) -> ApiResult<DcfInput> {
    DcfInput::from_raw(p.raw.clone()).map_err(|e| property_error(&e, &p.names))
}

/// Values a prepared property (on the calling thread); the monthly ledger only when `ledger`.
pub fn value_prepared(p: &Prepared, ledger: bool) -> ApiResult<dcf::DcfResult> {
    run_engine(&validated(p)?, ledger, &p.names)
}

/// Values the stored property `id` (with the `assumptions` overrides) on the blocking pool; the
/// monthly ledger only when `ledger`. Shared by `propertyDcf` and `savePropertyDcf`.
pub async fn value_stored(
    tx: &TenantTx,
    id: &str,
    overrides: Assumptions,
    ledger: bool,
) -> ApiResult<(Prepared, dcf::DcfResult)> {
    let p = prepare(tx, id, overrides).await?;
    let input = validated(&p)?;
    let names = p.names.clone();
    let _timer = crate::telemetry::metrics::valuation_timer("dcf");
    let result = blocking(move || run_engine(&input, ledger, &names)).await??;
    Ok((p, result))
}

fn run_engine(input: &DcfInput, ledger: bool, names: &[String]) -> ApiResult<dcf::DcfResult> {
    dcf::value_with_options(input, ValueOptions { ledger }).map_err(|e| property_error(&e, names))
}

/// The `valuations` row of a DCF run (without its monthly ledger, which the inputs reproduce).
pub fn valuation_row(c: &Caller<'_>, p: &Prepared, result: &dcf::DcfResult) -> ApiResult<valuation::Model> {
    property_dcf::valuation_row(c.tx, c.actor, p.property_id, &p.raw, result)
}

/// Values the stored property `id` like [`value_stored`] and saves the run as a `dcf`
/// valuation, announced after the commit.
pub async fn save(
    c: &Caller<'_>,
    id: &str,
    overrides: Assumptions,
    ledger: bool,
) -> ApiResult<(valuation::Model, dcf::DcfResult)> {
    let (p, result) = value_stored(c.tx, id, overrides, ledger).await?;
    let saved = valuation_row(c, &p, &result)?;
    super::valuations::save_all(c, vec![(saved.clone(), "create")]).await?;
    Ok((saved, result))
}

/// A property's stored DCF inputs besides leases and unit mix.
pub struct StoredInputs {
    pub expenses: Vec<reos_entities::operating_expense::Model>,
    pub profiles: Vec<reos_entities::market_leasing_profile::Model>,
    pub loan: Option<reos_entities::loan::Model>,
    pub assumptions: Option<reos_entities::dcf_assumption::Model>,
}

/// The stored DCF inputs of property `id`; NOT_FOUND outside the tenant.
pub async fn stored_inputs(tx: &TenantTx, id: &str) -> ApiResult<StoredInputs> {
    let p = super::properties::find(tx, id).await?;
    Ok(StoredInputs {
        expenses: dcf_inputs::expenses(tx, p.id).await?,
        profiles: dcf_inputs::profiles(tx, p.id).await?,
        loan: dcf_inputs::loan_of(tx, p.id).await?,
        assumptions: dcf_inputs::assumptions_of(tx, p.id).await?,
    })
}
