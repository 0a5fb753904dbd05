//! The portfolio summary use case (docs/portfolio.md): the tenant's properties matching a filter,
//! read in a constant number of statements, summarized by `analytics::portfolio` as of a date.
use super::dcf_run::blocking;
use crate::analytics::portfolio::{self, LeaseRow, LoanRow, PortfolioInput, PortfolioSummary, PropertyRow, UnitRow};
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::portfolio as reads;
pub use crate::persistence::repositories::portfolio::PortfolioFilter;
use chrono::NaiveDate;
use std::collections::HashMap;
use uuid::Uuid;

/// The summary of the tenant's properties matching `filter`, as of `as_of` (default today, UTC):
/// valuations and hazard assessments made after that day are left out; leases are in place on it.
pub async fn summary(tx: &TenantTx, filter: PortfolioFilter, as_of: Option<NaiveDate>) -> ApiResult<PortfolioSummary> {
    let as_of = as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let until = as_of
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .ok_or_else(|| ApiError::bad_input("asOf", "is out of range"))?;
    let started = std::time::Instant::now();
    let mut lap = started;
    let mut laps = Vec::with_capacity(7);
    let mut mark = |what: &'static str| {
        laps.push((what, lap.elapsed().as_secs_f64() * 1e3));
        lap = std::time::Instant::now();
    };
    let properties = reads::properties(tx, &filter).await?;
    mark("properties");
    let valuations = reads::valuations(tx, &filter, until).await?;
    mark("valuations");
    let hazards = reads::hazards(tx, &filter, until).await?;
    mark("hazards");
    let leases = reads::leases(tx, &filter).await?;
    mark("leases");
    let profiles = reads::profiles(tx, &filter).await?;
    mark("profiles");
    let units = reads::units(tx, &filter).await?;
    mark("units");
    let loans = reads::loans(tx, &filter).await?;
    mark("loans");

    let input = PortfolioInput {
        as_of,
        properties: property_rows(properties, valuations, hazards),
        leases: lease_rows(leases, &profiles),
        units: units
            .into_iter()
            .map(|u| UnitRow {
                property_id: u.property_id,
                units: u.units,
                current_rent: u.current_rent,
                market_rent: u.market_rent,
            })
            .collect(),
        loans: loans
            .into_iter()
            .map(|l| LoanRow {
                property_id: l.property_id,
                amount: l.amount,
                ltv: l.ltv,
                rate: l.rate,
                amortization_years: l.amortization_years,
                io_months: l.io_months,
            })
            .collect(),
    };
    let count = input.properties.len();
    let out = blocking(move || portfolio::summarize(&input)).await?;
    tracing::debug!(
        properties = count,
        ?laps,
        total_ms = started.elapsed().as_secs_f64() * 1e3,
        "portfolio summary"
    );
    Ok(out)
}

/// Each property with its latest valuation per model (rows come newest first), the latest DCF's
/// year-1 NOI and its latest hazard score.
fn property_rows(
    properties: Vec<reads::PropertyFacts>,
    valuations: Vec<reads::ValuationFacts>,
    hazards: Vec<reads::HazardFacts>,
) -> Vec<PropertyRow> {
    let mut latest: HashMap<Uuid, Vec<(String, f64)>> = HashMap::new();
    let mut noi: HashMap<Uuid, Option<f64>> = HashMap::new();
    for v in valuations {
        let models = latest.entry(v.property_id).or_default();
        if models.iter().any(|(m, _)| *m == v.model) {
            continue;
        }
        if v.model == "dcf" {
            noi.insert(v.property_id, v.noi_year1);
        }
        if let Some(value) = v.value {
            models.push((v.model, value));
        }
    }
    let mut score: HashMap<Uuid, f64> = HashMap::new();
    for h in hazards {
        score.entry(h.property_id).or_insert(h.composite_score);
    }
    properties
        .into_iter()
        .map(|p| PropertyRow {
            valuations: latest.remove(&p.id).unwrap_or_default(),
            noi_year1: noi.get(&p.id).copied().flatten(),
            hazard_score: score.get(&p.id).copied(),
            id: p.id,
            property_type: p.property_type,
            market: format!("{}, {}", p.city, p.state),
            pipeline_stage: p.pipeline_stage,
            building_area_sf: p.building_area_sf,
            purchase_price: p.purchase_price,
            list_price: p.list_price,
        })
        .collect()
}

/// Leases with the market rent of their leasing profile.
fn lease_rows(leases: Vec<reads::LeaseFacts>, profiles: &[reads::ProfileFacts]) -> Vec<LeaseRow> {
    let market: HashMap<(Uuid, &str), f64> = profiles
        .iter()
        .map(|p| ((p.property_id, p.name.as_str()), p.market_rent_psf))
        .collect();
    leases
        .into_iter()
        .map(|l| LeaseRow {
            market_rent_psf: market.get(&(l.property_id, l.mla.as_str())).copied(),
            property_id: l.property_id,
            tenant: l.tenant_name,
            vacant: l.vacant,
            area_sf: l.area_sf,
            start: l.start_month,
            end: l.end_month,
            rent_psf: l.rent_psf,
            escalation_pct: l.escalation_pct,
        })
        .collect()
}
