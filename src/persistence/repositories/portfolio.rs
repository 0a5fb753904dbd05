//! The reads of a portfolio summary: the tenant's properties matching a filter, and their latest
//! valuations, hazards, leases, leasing profiles, unit mix and loans — one statement each,
//! whatever the portfolio's size (children are selected through a subquery on the filter).
use super::scoped;
use crate::persistence::TenantTx;
use crate::persistence::pg_rows::{self, columns_decoder};
use reos_entities::enums::{PipelineStage, PropertyType};
use reos_entities::{
    lease, loan, market_leasing_profile, property, property_hazard, property_ownership, unit_mix, valuation,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, DbErr, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use uuid::Uuid;

/// Which properties (all optional, combined with AND).
#[derive(Debug, Default, Clone)]
pub struct PortfolioFilter {
    pub property_type: Option<PropertyType>,
    pub state: Option<String>,
    pub city: Option<String>,
    pub owner_id: Option<Uuid>,
    pub pipeline_stage: Option<PipelineStage>,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct PropertyFacts {
    pub id: Uuid,
    pub property_type: String,
    pub city: String,
    pub state: String,
    pub pipeline_stage: String,
    pub building_area_sf: Option<f64>,
    pub purchase_price: Option<f64>,
    pub list_price: Option<f64>,
}
columns_decoder!(PropertyFacts {
    id,
    property_type,
    city,
    state,
    pipeline_stage,
    building_area_sf,
    purchase_price,
    list_price
});

#[derive(Debug, Clone, FromQueryResult)]
pub struct ValuationFacts {
    pub property_id: Uuid,
    pub model: String,
    pub value: Option<f64>,
    pub noi_year1: Option<f64>,
}
columns_decoder!(ValuationFacts {
    property_id,
    model,
    value,
    noi_year1
});

#[derive(Debug, Clone, FromQueryResult)]
pub struct HazardFacts {
    pub property_id: Uuid,
    pub composite_score: f64,
}
columns_decoder!(HazardFacts {
    property_id,
    composite_score
});

#[derive(Debug, Clone, FromQueryResult)]
pub struct ProfileFacts {
    pub property_id: Uuid,
    pub name: String,
    pub market_rent_psf: f64,
}
columns_decoder!(ProfileFacts {
    property_id,
    name,
    market_rent_psf
});

/// Runs `query`, decoding PostgreSQL rows by column name straight from the driver and other
/// backends' through sea-orm.
async fn read<T: FromQueryResult + pg_rows::FromPg>(tx: &TenantTx, query: &impl QueryTrait) -> Result<Vec<T>, DbErr> {
    pg_rows::all_rows(tx, query, |r| T::from_query_result(r, "")).await
}

impl PortfolioFilter {
    fn is_empty(&self) -> bool {
        self.property_type.is_none()
            && self.state.is_none()
            && self.city.is_none()
            && self.owner_id.is_none()
            && self.pipeline_stage.is_none()
    }
}

/// Rows of a child table whose `property` column points at a filtered property: the ids through
/// a subquery, or — without a filter — every row of the tenant that has a property (the
/// tenant's scope is already in the statement, so no join with `properties` is needed).
fn of_filtered(tx: &TenantTx, f: &PortfolioFilter, property: impl ColumnTrait) -> SimpleExpr {
    if f.is_empty() {
        return property.is_not_null();
    }
    let mut s = scoped::<property::Entity>(tx)
        .select_only()
        .column(property::Column::Id);
    s = filtered(tx, s, f);
    property.in_subquery(s.into_query())
}

fn filtered(
    tx: &TenantTx,
    mut s: sea_orm::Select<property::Entity>,
    f: &PortfolioFilter,
) -> sea_orm::Select<property::Entity> {
    use property::Column as C;
    if let Some(v) = f.property_type {
        s = s.filter(C::PropertyType.eq(v));
    }
    if let Some(v) = &f.state {
        s = s.filter(C::State.eq(v.as_str()));
    }
    if let Some(v) = &f.city {
        s = s.filter(C::City.eq(v.as_str()));
    }
    if let Some(v) = f.pipeline_stage {
        s = s.filter(C::PipelineStage.eq(v));
    }
    if let Some(owner) = f.owner_id {
        let owned = scoped::<property_ownership::Entity>(tx)
            .select_only()
            .column(property_ownership::Column::PropertyId)
            .filter(property_ownership::Column::OwnerId.eq(owner))
            .into_query();
        s = s.filter(C::Id.in_subquery(owned));
    }
    s
}

/// The filtered properties' own facts.
pub async fn properties(tx: &TenantTx, f: &PortfolioFilter) -> Result<Vec<PropertyFacts>, DbErr> {
    use property::Column as C;
    let s = scoped::<property::Entity>(tx).select_only().columns([
        C::Id,
        C::PropertyType,
        C::City,
        C::State,
        C::PipelineStage,
        C::BuildingAreaSf,
        C::PurchasePrice,
        C::ListPrice,
    ]);
    read(tx, &filtered(tx, s, f).order_by_asc(C::Id)).await
}

/// The newest valuation per property and model saved before `until` (a window over the
/// candidates, so the answer is one row per property and model whatever the history).
pub async fn valuations(
    tx: &TenantTx,
    f: &PortfolioFilter,
    until: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<ValuationFacts>, DbErr> {
    use valuation::Column as C;
    let ranked = scoped::<valuation::Entity>(tx)
        .select_only()
        .columns([C::PropertyId, C::Model, C::Value, C::NoiYear1])
        .column_as(
            Expr::cust("ROW_NUMBER() OVER (PARTITION BY property_id, model ORDER BY created_at DESC, id DESC)"),
            "rank",
        )
        .filter(of_filtered(tx, f, C::PropertyId))
        .filter(C::CreatedAt.lt(until))
        .into_query();
    let latest = Query::select()
        .columns(["property_id", "model", "value", "noi_year1"].map(Alias::new))
        .from_subquery(ranked, Alias::new("ranked"))
        .and_where(Expr::col(Alias::new("rank")).eq(1))
        .to_owned();
    let statement = tx.backend().build(&latest);
    pg_rows::statement_rows(tx, statement, |r| ValuationFacts::from_query_result(r, "")).await
}

/// Hazard assessments made before `until`, newest first.
pub async fn hazards(
    tx: &TenantTx,
    f: &PortfolioFilter,
    until: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<HazardFacts>, DbErr> {
    use property_hazard::Column as C;
    let q = scoped::<property_hazard::Entity>(tx)
        .select_only()
        .columns([C::PropertyId, C::CompositeScore])
        .filter(of_filtered(tx, f, C::PropertyId))
        .filter(C::AssessedAt.lt(until))
        .order_by_desc(C::AssessedAt);
    read(tx, &q).await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct LeaseFacts {
    pub property_id: Uuid,
    pub tenant_name: Option<String>,
    pub vacant: bool,
    pub area_sf: f64,
    pub start_month: Option<chrono::NaiveDate>,
    pub end_month: Option<chrono::NaiveDate>,
    pub rent_psf: Option<f64>,
    pub escalation_pct: f64,
    pub mla: String,
}
columns_decoder!(LeaseFacts {
    property_id,
    tenant_name,
    vacant,
    area_sf,
    start_month,
    end_month,
    rent_psf,
    escalation_pct,
    mla
});

/// The columns of the filtered properties' leases a summary uses.
pub async fn leases(tx: &TenantTx, f: &PortfolioFilter) -> Result<Vec<LeaseFacts>, DbErr> {
    use lease::Column as C;
    let q = scoped::<lease::Entity>(tx)
        .select_only()
        .columns([
            C::PropertyId,
            C::TenantName,
            C::Vacant,
            C::AreaSf,
            C::StartMonth,
            C::EndMonth,
            C::RentPsf,
            C::EscalationPct,
            C::Mla,
        ])
        .filter(of_filtered(tx, f, C::PropertyId));
    read(tx, &q).await
}

pub async fn profiles(tx: &TenantTx, f: &PortfolioFilter) -> Result<Vec<ProfileFacts>, DbErr> {
    use market_leasing_profile::Column as C;
    let q = scoped::<market_leasing_profile::Entity>(tx)
        .select_only()
        .columns([C::PropertyId, C::Name, C::MarketRentPsf])
        .filter(of_filtered(tx, f, C::PropertyId));
    read(tx, &q).await
}

pub async fn units(tx: &TenantTx, f: &PortfolioFilter) -> Result<Vec<unit_mix::Model>, DbErr> {
    scoped::<unit_mix::Entity>(tx)
        .filter(of_filtered(tx, f, unit_mix::Column::PropertyId))
        .all(tx.conn().await?)
        .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct LoanFacts {
    pub property_id: Uuid,
    pub amount: Option<f64>,
    pub ltv: Option<f64>,
    pub rate: f64,
    pub amortization_years: f64,
    pub io_months: i32,
}
columns_decoder!(LoanFacts {
    property_id,
    amount,
    ltv,
    rate,
    amortization_years,
    io_months
});

pub async fn loans(tx: &TenantTx, f: &PortfolioFilter) -> Result<Vec<LoanFacts>, DbErr> {
    use loan::Column as C;
    let q = scoped::<loan::Entity>(tx)
        .select_only()
        .columns([
            C::PropertyId,
            C::Amount,
            C::Ltv,
            C::Rate,
            C::AmortizationYears,
            C::IoMonths,
        ])
        .filter(of_filtered(tx, f, C::PropertyId));
    read(tx, &q).await
}
