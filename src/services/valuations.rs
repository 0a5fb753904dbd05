//! Comp-Critic valuations of stored properties: the engine subject of a property, the mapping of
//! a refusal to the API field it concerns, and a run saved as a `comp-critic` valuation (model,
//! SHA-256 of the canonical inputs, full result), announced after the commit.
use super::caller::Caller;
use super::comps::{CompService, Fitted, ValuationError, Valued};
use super::dcf_run::camel;
use crate::analytics::comps::{Attributes, CompConfig, CompError, MODEL_VERSION, Subject};
use crate::domain::hash::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::events::EventKind;
use crate::persistence::TenantTx;
use crate::persistence::repositories::sales::SalesFingerprint;
use crate::persistence::repositories::{properties, records};
use chrono::NaiveDate;
use reos_entities::enums::ValuationModel;
use reos_entities::{property, valuation};
use serde::Serialize;
use uuid::Uuid;

/// Model name stored with Comp-Critic runs.
pub const MODEL: ValuationModel = ValuationModel::CompCritic;

/// Today in UTC, the default valuation date.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A non-negative count, or BAD_USER_INPUT naming `field`.
pub fn count(field: &str, v: Option<i32>) -> ApiResult<Option<u32>> {
    v.map(|x| u32::try_from(x).map_err(|_| ApiError::bad_input(field, "must be zero or more")))
        .transpose()
}

/// The API name of an engine subject field (`attrs.living_area_sf` → `livingAreaSf`).
pub fn api_field(engine_field: &str, hazard: &str) -> String {
    match engine_field {
        "lat" => "latitude".into(),
        "lon" => "longitude".into(),
        "hazard" => hazard.into(),
        f => camel(f.strip_prefix("attrs.").unwrap_or(f)),
    }
}

/// The engine subject of a stored property; a missing required attribute is BAD_USER_INPUT
/// naming the property field (`property.livingAreaSf`).
pub fn subject_of_property(p: &property::Model, hazard: Option<f64>) -> ApiResult<Subject> {
    fn need<T: Copy>(v: Option<T>, field: &str) -> ApiResult<T> {
        v.ok_or_else(|| {
            ApiError::bad_input(
                format!("property.{field}"),
                "is not set on the property; the comparable-sales model needs it (set it with updateProperty)",
            )
        })
    }
    let f = |n: &str| format!("property.{n}");
    Ok(Subject {
        lat: need(p.latitude, "latitude")?,
        lon: need(p.longitude, "longitude")?,
        property_type: p.property_type.as_str().to_owned(),
        neighborhood: p.neighborhood.clone(),
        hazard,
        attrs: Attributes {
            living_area_sf: need(p.living_area_sf, "livingAreaSf")?,
            lot_area_sf: p.lot_area_sf,
            year_built: need(p.year_built, "yearBuilt")?,
            year_remodeled: p.year_remodeled,
            bedrooms: count(&f("bedrooms"), p.bedrooms)?,
            full_baths: count(&f("fullBaths"), p.full_baths)?,
            half_baths: count(&f("halfBaths"), p.half_baths)?,
            basement_sf: p.basement_sf,
            garage_cars: count(&f("garageCars"), p.garage_cars)?,
            condition_score: count(&f("conditionScore"), p.condition_score)?,
            fireplaces: count(&f("fireplaces"), p.fireplaces)?,
            central_air: p.central_air,
            porch_sf: p.porch_sf,
            deck_sf: p.deck_sf,
            pool_sf: p.pool_sf,
            stories: p.stories.clone(),
            exterior_condition: None,
            heating_quality: None,
            building_type: p.building_type.clone(),
        },
    })
}

/// Maps a valuation failure to the API: an invalid subject names its field under `prefix`
/// (`input.` or `property.`), no sales or no comps say so plainly.
pub fn valuation_error(e: ValuationError, prefix: &str, hazard_field: &str) -> ApiError {
    match e {
        ValuationError::Comp(CompError::InvalidSubject { field, reason }) => {
            ApiError::bad_input(format!("{prefix}{}", api_field(&field, hazard_field)), reason)
        }
        e @ ValuationError::NoSales { .. } => ApiError::bad_input("asOf", e.to_string()),
        ValuationError::Comp(CompError::NoCandidates { .. }) => ApiError::not_found("comparable sales"),
        ValuationError::Comp(e @ CompError::TooFewSales { .. }) => ApiError::bad_input("asOf", e.to_string()),
        ValuationError::Db(e) => ApiError::from(e),
        other => ApiError::Internal(anyhow::anyhow!(other.to_string())),
    }
}

/// Where a stored property's hazard score comes from, as refusals name it.
const HAZARD_FIELD: &str = "hazards.compositeScore";

/// Values stored property `p` with a fitted model on the calling thread (a batch's way: the
/// model is fetched once); refusals as [`value_property`] gives them.
pub fn value_with(
    fitted: &Fitted,
    p: &property::Model,
    hazard: Option<f64>,
    as_of: NaiveDate,
) -> ApiResult<(Subject, Valued)> {
    let subject = subject_of_property(p, hazard)?;
    let refused = |e: CompError| valuation_error(ValuationError::Comp(e), "property.", HAZARD_FIELD);
    subject.validate(as_of).map_err(refused)?;
    let valuation = fitted.model.value(&subject, as_of).map_err(refused)?;
    let valued = Valued {
        valuation,
        as_of,
        fingerprint: fitted.fingerprint,
    };
    Ok((subject, valued))
}

/// Values a stored property of the caller's tenant; other tenants' ids are NOT_FOUND.
pub async fn value_property(
    svc: &CompService,
    tx: &TenantTx,
    property_id: &str,
    as_of: NaiveDate,
) -> ApiResult<(property::Model, Subject, Valued)> {
    let p = super::lookup::one::<property::Entity>(tx, property_id, "property").await?;
    let hazard = properties::latest_hazards(tx, &[p.id])
        .await?
        .remove(&p.id)
        .map(|h| h.composite_score);
    let subject = subject_of_property(&p, hazard)?;
    let valued = svc
        .value(tx, subject.clone(), as_of)
        .await
        .map_err(|e| valuation_error(e, "property.", HAZARD_FIELD))?;
    Ok((p, subject, valued))
}

/// Everything the result depends on, serialized in a fixed field order so equal inputs hash
/// equally: the subject, the date, the method and settings, and which sales the model saw.
#[derive(Serialize)]
struct CanonicalInputs<'a> {
    model: &'a str,
    model_version: &'a str,
    as_of: NaiveDate,
    subject: &'a Subject,
    config: &'a CompConfig,
    sales: &'a SalesFingerprint,
}

/// SHA-256 of a run's canonical inputs.
pub fn inputs_hash(
    config: &CompConfig,
    as_of: NaiveDate,
    subject: &Subject,
    sales: &SalesFingerprint,
) -> ApiResult<String> {
    let inputs = CanonicalInputs {
        model: MODEL.as_str(),
        model_version: MODEL_VERSION,
        as_of,
        subject,
        config,
        sales,
    };
    let canonical = serde_json::to_vec(&inputs).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(sha256_hex(&canonical))
}

/// The `valuations` row of a Comp-Critic run for property `property_id` of `tenant`, by
/// `actor` (not yet saved).
pub fn comp_row(
    tenant: Uuid,
    actor: &str,
    cfg: &CompConfig,
    property_id: Uuid,
    subject: &Subject,
    v: &Valued,
) -> ApiResult<valuation::Model> {
    Ok(valuation::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        property_id: Some(property_id),
        model: MODEL,
        model_version: MODEL_VERSION.to_owned(),
        inputs_hash: inputs_hash(cfg, v.as_of, subject, &v.fingerprint)?,
        value: Some(v.valuation.estimate),
        result: serde_json::json!({"as_of": v.as_of, "subject": subject, "valuation": &v.valuation}),
        noi_year1: None,
        created_by: actor.to_owned(),
        created_at: records::stored_now(),
    })
}

/// Saves valuation rows, each with its model provenance and an audit entry (the row's audit
/// action beside it), and announces each after the commit: three statements however many.
pub async fn save_all(c: &Caller<'_>, rows: Vec<(valuation::Model, &str)>) -> ApiResult<()> {
    let audits = rows
        .iter()
        .map(|(v, action)| {
            let details = serde_json::json!({"property_id": v.property_id, "model": v.model.as_str()});
            (*action, "valuation", Some(v.id), details)
        })
        .collect();
    let (rows, _): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    records::save_valuations(c.tx, rows.clone()).await?;
    c.audit_all(audits).await?;
    for v in rows {
        c.after_commit(EventKind::ValuationCompleted(std::sync::Arc::new(v)));
    }
    Ok(())
}

/// Values property `property_id` as of `as_of` and saves the run; it then shows as the
/// property's latest valuation.
pub async fn run(
    c: &Caller<'_>,
    svc: &CompService,
    property_id: &str,
    as_of: NaiveDate,
) -> ApiResult<(valuation::Model, Valued)> {
    let (p, subject, v) = value_property(svc, c.tx, property_id, as_of).await?;
    let saved = comp_row(c.tenant(), c.actor, svc.config(), p.id, &subject, &v)?;
    save_all(c, vec![(saved.clone(), "run_valuation")]).await?;
    Ok((saved, v))
}

/// The valuations of property `property_id` saved after `since`, oldest first (what a
/// reconnecting `valuationCompleted` subscriber missed). Reads in its own read-only transaction.
pub async fn saved_since(
    db: &sea_orm::DatabaseConnection,
    tenant: crate::persistence::TenantId,
    property_id: Uuid,
    since: chrono::DateTime<chrono::Utc>,
) -> ApiResult<Vec<valuation::Model>> {
    use crate::persistence::tenancy::Access;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let tx = TenantTx::begin_as(db, tenant, Access::ReadOnly).await?;
    let rows = crate::persistence::repositories::scoped::<valuation::Entity>(&tx)
        .filter(valuation::Column::PropertyId.eq(property_id))
        .filter(valuation::Column::CreatedAt.gt(since))
        .order_by_asc(valuation::Column::CreatedAt)
        .order_by_asc(valuation::Column::Id)
        .all(tx.conn().await?)
        .await?;
    tx.commit().await?;
    Ok(rows)
}

#[cfg(test)]
mod tests;
