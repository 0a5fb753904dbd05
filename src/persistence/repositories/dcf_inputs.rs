//! A property's stored DCF inputs (expenses, leasing profiles, loan, assumptions) and the saving
//! of a DCF valuation, all inside the tenant's transaction.
use super::{leases, properties, scoped};
use crate::persistence::TenantTx;
use reos_entities::enums::ValuationModel;
use reos_entities::{
    dcf_assumption, lease, loan, market_leasing_profile, operating_expense, property, property_hazard, unit_mix,
    valuation,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

/// Everything `propertyDcf` builds the engine input from.
#[derive(Debug, Clone)]
pub struct PropertyDcfRows {
    pub property: property::Model,
    pub leases: Vec<lease::Model>,
    pub units: Vec<unit_mix::Model>,
    pub expenses: Vec<operating_expense::Model>,
    pub profiles: Vec<market_leasing_profile::Model>,
    pub loan: Option<loan::Model>,
    pub assumptions: Option<dcf_assumption::Model>,
    pub hazard: Option<property_hazard::Model>,
}

pub async fn expenses(tx: &TenantTx, property_id: Uuid) -> Result<Vec<operating_expense::Model>, DbErr> {
    scoped::<operating_expense::Entity>(tx)
        .filter(operating_expense::Column::PropertyId.eq(property_id))
        .order_by_asc(operating_expense::Column::Name)
        .order_by_asc(operating_expense::Column::Id)
        .all(tx.conn())
        .await
}

pub async fn profiles(tx: &TenantTx, property_id: Uuid) -> Result<Vec<market_leasing_profile::Model>, DbErr> {
    scoped::<market_leasing_profile::Entity>(tx)
        .filter(market_leasing_profile::Column::PropertyId.eq(property_id))
        .order_by_asc(market_leasing_profile::Column::Name)
        .all(tx.conn())
        .await
}

pub async fn loan_of(tx: &TenantTx, property_id: Uuid) -> Result<Option<loan::Model>, DbErr> {
    scoped::<loan::Entity>(tx)
        .filter(loan::Column::PropertyId.eq(property_id))
        .one(tx.conn())
        .await
}

pub async fn assumptions_of(tx: &TenantTx, property_id: Uuid) -> Result<Option<dcf_assumption::Model>, DbErr> {
    scoped::<dcf_assumption::Entity>(tx)
        .filter(dcf_assumption::Column::PropertyId.eq(property_id))
        .one(tx.conn())
        .await
}

/// Reads all DCF rows of one (already found) property.
pub async fn rows(tx: &TenantTx, property: property::Model) -> Result<PropertyDcfRows, DbErr> {
    let id = property.id;
    let mut leases_map = leases::for_properties(tx, &[id]).await?;
    let mut units_map = leases::unit_mix_for(tx, &[id]).await?;
    let mut hazards = properties::latest_hazards(tx, &[id]).await?;
    Ok(PropertyDcfRows {
        leases: leases_map.remove(&id).unwrap_or_default(),
        units: units_map.remove(&id).unwrap_or_default(),
        expenses: expenses(tx, id).await?,
        profiles: profiles(tx, id).await?,
        loan: loan_of(tx, id).await?,
        assumptions: assumptions_of(tx, id).await?,
        hazard: hazards.remove(&id),
        property,
    })
}

/// A DCF run to save in `valuations`.
pub struct NewDcfValuation<'a> {
    pub property_id: Uuid,
    pub model_version: &'a str,
    pub inputs_hash: String,
    pub value: f64,
    pub noi_year1: f64,
    pub result: serde_json::Value,
    pub created_by: &'a str,
}

pub async fn save_valuation(tx: &TenantTx, v: NewDcfValuation<'_>) -> Result<valuation::Model, DbErr> {
    let saved = valuation::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tx.tenant().uuid()),
        property_id: Set(Some(v.property_id)),
        model: Set(ValuationModel::Dcf),
        model_version: Set(v.model_version.to_owned()),
        inputs_hash: Set(v.inputs_hash),
        value: Set(Some(v.value)),
        result: Set(v.result),
        noi_year1: Set(Some(v.noi_year1)),
        created_by: Set(v.created_by.to_owned()),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(tx.conn())
    .await?;
    super::records::model_provenance(tx, &saved).await?;
    Ok(saved)
}
