//! `PortfolioSummary` and its parts (docs/portfolio.md), mirrored from the analytics' result, and
//! the `PortfolioFilter` input.
use super::enums::{PipelineStage, PropertyType};
use crate::analytics::portfolio as p;
use crate::error::{ApiError, ApiResult};
use crate::services::portfolio::PortfolioFilter;
use async_graphql::{ID, InputObject, SimpleObject};

/// Which properties to summarize (all optional, combined with AND).
#[derive(InputObject, Default)]
pub struct PortfolioFilterInput {
    pub property_type: Option<PropertyType>,
    pub state: Option<String>,
    pub city: Option<String>,
    /// Properties this owner holds a share of.
    pub owner_id: Option<ID>,
    pub pipeline_stage: Option<PipelineStage>,
}

impl PortfolioFilterInput {
    pub fn to_filter(&self) -> ApiResult<PortfolioFilter> {
        let owner_id = match &self.owner_id {
            Some(id) => Some(
                uuid::Uuid::parse_str(id).map_err(|_| ApiError::bad_input("filter.ownerId", "is not an owner id"))?,
            ),
            None => None,
        };
        Ok(PortfolioFilter {
            property_type: self.property_type.map(Into::into),
            state: self.state.clone(),
            city: self.city.clone(),
            owner_id,
            pipeline_stage: self.pipeline_stage.map(Into::into),
        })
    }
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Carrying value by where it came from (`dcf`, `comp-critic`, `purchase-price`, `list-price`).
#[derive(SimpleObject)]
pub struct ModelValue {
    pub model: String,
    pub count: i32,
    pub total: f64,
}

/// In-place leases expiring in one calendar year.
#[derive(SimpleObject)]
pub struct ExpiryYear {
    pub year: i32,
    pub count: i32,
    pub area_sf: f64,
    pub annual_rent: f64,
    pub share_of_rent: Option<f64>,
}

/// One tenant's in-place rent across the portfolio.
#[derive(SimpleObject)]
pub struct TenantShare {
    pub tenant: String,
    pub annual_rent: f64,
    pub share: Option<f64>,
}

/// Properties with one key.
#[derive(SimpleObject)]
pub struct KeyCount {
    pub key: String,
    pub count: i32,
}

/// One group's property-level totals.
#[derive(SimpleObject)]
pub struct PortfolioGroup {
    pub key: String,
    pub count: i32,
    pub total_value: f64,
    pub noi_year1: f64,
    pub leased_area_sf: f64,
    pub total_area_sf: f64,
    pub physical_occupancy: Option<f64>,
    pub total_debt: f64,
}

impl From<p::Group> for PortfolioGroup {
    fn from(g: p::Group) -> Self {
        PortfolioGroup {
            key: g.key,
            count: count(g.count),
            total_value: g.total_value,
            noi_year1: g.noi_year1,
            leased_area_sf: g.leased_area_sf,
            total_area_sf: g.total_area_sf,
            physical_occupancy: g.physical_occupancy,
            total_debt: g.total_debt,
        }
    }
}

/// The book at a date: value, income, occupancy, leases, tenants, debt, hazard and groups.
#[derive(SimpleObject)]
pub struct PortfolioSummary {
    pub as_of: chrono::NaiveDate,
    pub count: i32,
    /// Properties with a carrying value (latest DCF, else Comp-Critic, else purchase or list price).
    pub valued_count: i32,
    pub total_value: f64,
    pub value_by_model: Vec<ModelValue>,
    /// Sum of year-1 NOI of the latest saved DCF valuations.
    pub noi_year1: f64,
    pub noi_count: i32,
    /// Σ NOI ÷ Σ purchase price over properties with both.
    pub going_in_cap_rate: Option<f64>,
    pub lease_property_count: i32,
    pub leases_in_place: i32,
    pub leased_area_sf: f64,
    pub total_area_sf: f64,
    pub physical_occupancy: Option<f64>,
    pub in_place_rent_annual: f64,
    pub economic_occupancy: Option<f64>,
    pub wale_by_area_years: Option<f64>,
    pub wale_by_rent_years: Option<f64>,
    pub expiry_ladder: Vec<ExpiryYear>,
    pub top_tenants: Vec<TenantShare>,
    pub tenant_count: i32,
    pub top10_share: Option<f64>,
    /// Herfindahl-Hirschman index of in-place rent by tenant, in [0, 1].
    pub hhi: Option<f64>,
    pub units: f64,
    pub unit_in_place_rent_annual: f64,
    pub unit_market_rent_annual: f64,
    pub unit_rent_to_market: Option<f64>,
    pub total_debt: f64,
    pub loan_count: i32,
    pub loans_unpriced: i32,
    pub debt_service_year1: f64,
    pub weighted_ltv: Option<f64>,
    pub dscr_count: i32,
    pub min_dscr: Option<f64>,
    pub weighted_dscr: Option<f64>,
    pub hazard_count: i32,
    pub hazard_value_weighted: Option<f64>,
    pub high_hazard_value_share: Option<f64>,
    pub by_stage: Vec<KeyCount>,
    pub by_type: Vec<PortfolioGroup>,
    pub by_market: Vec<PortfolioGroup>,
}

impl From<p::PortfolioSummary> for PortfolioSummary {
    fn from(s: p::PortfolioSummary) -> Self {
        PortfolioSummary {
            as_of: s.as_of,
            count: count(s.count),
            valued_count: count(s.valued_count),
            total_value: s.total_value,
            value_by_model: s
                .value_by_model
                .into_iter()
                .map(|m| ModelValue {
                    model: m.model,
                    count: count(m.count),
                    total: m.total,
                })
                .collect(),
            noi_year1: s.noi_year1,
            noi_count: count(s.noi_count),
            going_in_cap_rate: s.going_in_cap_rate,
            lease_property_count: count(s.lease_property_count),
            leases_in_place: count(s.leases_in_place),
            leased_area_sf: s.leased_area_sf,
            total_area_sf: s.total_area_sf,
            physical_occupancy: s.physical_occupancy,
            in_place_rent_annual: s.in_place_rent_annual,
            economic_occupancy: s.economic_occupancy,
            wale_by_area_years: s.wale_by_area_years,
            wale_by_rent_years: s.wale_by_rent_years,
            expiry_ladder: s
                .expiry_ladder
                .into_iter()
                .map(|e| ExpiryYear {
                    year: e.year,
                    count: count(e.count),
                    area_sf: e.area_sf,
                    annual_rent: e.annual_rent,
                    share_of_rent: e.share_of_rent,
                })
                .collect(),
            top_tenants: s
                .top_tenants
                .into_iter()
                .map(|t| TenantShare {
                    tenant: t.tenant,
                    annual_rent: t.annual_rent,
                    share: t.share,
                })
                .collect(),
            tenant_count: count(s.tenant_count),
            top10_share: s.top10_share,
            hhi: s.hhi,
            units: s.units as f64,
            unit_in_place_rent_annual: s.unit_in_place_rent_annual,
            unit_market_rent_annual: s.unit_market_rent_annual,
            unit_rent_to_market: s.unit_rent_to_market,
            total_debt: s.total_debt,
            loan_count: count(s.loan_count),
            loans_unpriced: count(s.loans_unpriced),
            debt_service_year1: s.debt_service_year1,
            weighted_ltv: s.weighted_ltv,
            dscr_count: count(s.dscr_count),
            min_dscr: s.min_dscr,
            weighted_dscr: s.weighted_dscr,
            hazard_count: count(s.hazard_count),
            hazard_value_weighted: s.hazard_value_weighted,
            high_hazard_value_share: s.high_hazard_value_share,
            by_stage: s
                .by_stage
                .into_iter()
                .map(|c| KeyCount {
                    key: c.key,
                    count: count(c.count),
                })
                .collect(),
            by_type: s.by_type.into_iter().map(Into::into).collect(),
            by_market: s.by_market.into_iter().map(Into::into).collect(),
        }
    }
}
