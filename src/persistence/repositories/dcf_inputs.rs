//! A property's stored DCF inputs (expenses, leasing profiles, loan, assumptions) and the saving
//! of a DCF valuation, all inside the tenant's transaction.
use super::{grouped, leases, properties, scoped};
use crate::persistence::TenantTx;
use reos_entities::enums::ValuationModel;
use reos_entities::{
    dcf_assumption, lease, loan, market_leasing_profile, operating_expense, property, property_hazard, unit_mix,
    valuation,
};
use sea_orm::{ColumnTrait, DbErr, QueryFilter, QueryOrder};
use std::collections::HashMap;
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
    Ok(expenses_for(tx, &[property_id])
        .await?
        .remove(&property_id)
        .unwrap_or_default())
}

pub async fn profiles(tx: &TenantTx, property_id: Uuid) -> Result<Vec<market_leasing_profile::Model>, DbErr> {
    Ok(profiles_for(tx, &[property_id])
        .await?
        .remove(&property_id)
        .unwrap_or_default())
}

pub async fn loan_of(tx: &TenantTx, property_id: Uuid) -> Result<Option<loan::Model>, DbErr> {
    Ok(loans_for(tx, &[property_id]).await?.remove(&property_id))
}

pub async fn assumptions_of(tx: &TenantTx, property_id: Uuid) -> Result<Option<dcf_assumption::Model>, DbErr> {
    Ok(assumptions_for(tx, &[property_id]).await?.remove(&property_id))
}

async fn expenses_for(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<operating_expense::Model>>, DbErr> {
    let rows = scoped::<operating_expense::Entity>(tx)
        .filter(operating_expense::Column::PropertyId.is_in(ids.iter().copied()))
        .order_by_asc(operating_expense::Column::Name)
        .order_by_asc(operating_expense::Column::Id)
        .all(tx.conn().await?)
        .await?;
    Ok(grouped(rows, |r| r.property_id))
}

async fn profiles_for(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<market_leasing_profile::Model>>, DbErr> {
    let rows = scoped::<market_leasing_profile::Entity>(tx)
        .filter(market_leasing_profile::Column::PropertyId.is_in(ids.iter().copied()))
        .order_by_asc(market_leasing_profile::Column::Name)
        .all(tx.conn().await?)
        .await?;
    Ok(grouped(rows, |r| r.property_id))
}

/// A property has at most one loan and one set of assumptions (unique per property).
async fn loans_for(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, loan::Model>, DbErr> {
    let rows = scoped::<loan::Entity>(tx)
        .filter(loan::Column::PropertyId.is_in(ids.iter().copied()))
        .all(tx.conn().await?)
        .await?;
    Ok(rows.into_iter().map(|r| (r.property_id, r)).collect())
}

async fn assumptions_for(tx: &TenantTx, ids: &[Uuid]) -> Result<HashMap<Uuid, dcf_assumption::Model>, DbErr> {
    let rows = scoped::<dcf_assumption::Entity>(tx)
        .filter(dcf_assumption::Column::PropertyId.is_in(ids.iter().copied()))
        .all(tx.conn().await?)
        .await?;
    Ok(rows.into_iter().map(|r| (r.property_id, r)).collect())
}

/// Reads all DCF rows of one (already found) property.
pub async fn rows(tx: &TenantTx, property: property::Model) -> Result<PropertyDcfRows, DbErr> {
    let mut all = rows_for(tx, vec![property]).await?;
    all.pop()
        .ok_or_else(|| DbErr::RecordNotFound("the property's DCF rows".into()))
}

/// Reads the DCF rows of (already found) properties, in their order: eight statements however
/// many properties.
pub async fn rows_for(tx: &TenantTx, properties: Vec<property::Model>) -> Result<Vec<PropertyDcfRows>, DbErr> {
    let ids: Vec<Uuid> = properties.iter().map(|p| p.id).collect();
    let mut leases_map = leases::for_properties(tx, &ids).await?;
    let mut units_map = leases::unit_mix_for(tx, &ids).await?;
    let mut hazards = properties::latest_hazards(tx, &ids).await?;
    let mut expenses = expenses_for(tx, &ids).await?;
    let mut profiles = profiles_for(tx, &ids).await?;
    let mut loans = loans_for(tx, &ids).await?;
    let mut assumptions = assumptions_for(tx, &ids).await?;
    Ok(properties
        .into_iter()
        .map(|property| {
            let id = property.id;
            PropertyDcfRows {
                leases: leases_map.remove(&id).unwrap_or_default(),
                units: units_map.remove(&id).unwrap_or_default(),
                expenses: expenses.remove(&id).unwrap_or_default(),
                profiles: profiles.remove(&id).unwrap_or_default(),
                loan: loans.remove(&id),
                assumptions: assumptions.remove(&id),
                hazard: hazards.remove(&id),
                property,
            }
        })
        .collect())
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

/// The `valuations` row of a DCF run of the transaction's tenant (not yet saved).
pub fn valuation_row(tx: &TenantTx, v: NewDcfValuation<'_>) -> valuation::Model {
    valuation::Model {
        id: Uuid::now_v7(),
        tenant_id: tx.tenant().uuid(),
        property_id: Some(v.property_id),
        model: ValuationModel::Dcf,
        model_version: v.model_version.to_owned(),
        inputs_hash: v.inputs_hash,
        value: Some(v.value),
        result: v.result,
        noi_year1: Some(v.noi_year1),
        created_by: v.created_by.to_owned(),
        created_at: super::records::stored_now(),
    }
}
