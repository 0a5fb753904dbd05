//! The rent roll of what a property stores (`Property.rentRoll`, docs/rent-roll.md "Stored
//! leases"): its leases with their leasing profiles' market rents (commercial), or its unit
//! leases when they account for every unit of its unit mix, else its unit mix (multifamily), turned into the same metrics as a previewed roll's by the pure
//! `analytics::rent_roll::stored`. Reads only.
use crate::analytics::rent_roll::stored::{self, StoredLease, StoredUnitType};
use crate::analytics::rent_roll::{Kind, Metrics};
use crate::error::ApiResult;
use crate::persistence::TenantTx;
use crate::persistence::repositories::{dcf_inputs, leases as lease_rows};
use chrono::NaiveDate;
use reos_entities::enums::PropertyType;
use reos_entities::property;
use std::collections::HashMap;
use uuid::Uuid;

/// A property's rent-roll metrics at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRentRoll {
    /// Multifamily (from the unit leases or the unit mix) or commercial (from the leases).
    pub kind: Kind,
    pub metrics: Metrics,
    /// The lease of each metrics row: row `n` is `lease_ids[n - 1]` (empty for a unit mix).
    pub lease_ids: Vec<Uuid>,
    /// False for a unit mix, which does not store which units are let: every unit counts as
    /// occupied and the occupancy figures are not known. True for leases and unit leases.
    pub occupancy_known: bool,
}

/// The metrics of property `property_id` at `as_of` (NOT_FOUND for malformed, unknown and other
/// tenants' ids).
pub async fn of_property(tx: &TenantTx, property_id: &str, as_of: NaiveDate) -> ApiResult<StoredRentRoll> {
    let prop = super::super::properties::find(tx, property_id).await?;
    for_property(tx, &prop, as_of).await
}

/// The metrics of `prop` (already read in the caller's tenant) at `as_of`: a multifamily
/// property's unit mix, any other property's leases and vacant suites, each lease's market rent
/// the `market_rent_psf` of the property's leasing profile named by its `mla`.
pub async fn for_property(tx: &TenantTx, prop: &property::Model, as_of: NaiveDate) -> ApiResult<StoredRentRoll> {
    if prop.property_type == PropertyType::Multifamily {
        let mix = lease_rows::unit_mix_for(tx, &[prop.id])
            .await?
            .remove(&prop.id)
            .unwrap_or_default();
        let units = lease_rows::unit_leases_of(tx, prop.id).await?;
        let counted: i64 = mix.iter().map(|u| i64::from(u.units)).sum();
        if !units.is_empty() && units.len() as i64 >= counted {
            let units: Vec<_> = units.iter().map(crate::services::unit_leases::stored_unit).collect();
            return Ok(StoredRentRoll {
                kind: Kind::Multifamily,
                metrics: stored::unit_metrics(&units, as_of),
                lease_ids: Vec::new(),
                occupancy_known: true,
            });
        }
        let types: Vec<StoredUnitType> = mix
            .into_iter()
            .map(|u| StoredUnitType {
                unit_type: u.unit_type,
                units: usize::try_from(u.units).unwrap_or(0),
                avg_area_sf: u.avg_area_sf,
                current_rent: u.current_rent,
                market_rent: u.market_rent,
            })
            .collect();
        return Ok(StoredRentRoll {
            kind: Kind::Multifamily,
            metrics: stored::unit_mix_metrics(&types, as_of),
            lease_ids: Vec::new(),
            occupancy_known: false,
        });
    }
    let leases = lease_rows::for_properties(tx, &[prop.id])
        .await?
        .remove(&prop.id)
        .unwrap_or_default();
    let market: HashMap<String, f64> = dcf_inputs::profiles(tx, prop.id)
        .await?
        .into_iter()
        .map(|p| (p.name, p.market_rent_psf))
        .collect();
    let terms: Vec<StoredLease> = leases
        .iter()
        .map(|l| StoredLease {
            suite: l.suite.clone(),
            tenant: l.tenant_name.clone(),
            vacant: l.vacant,
            area_sf: l.area_sf,
            start_month: l.start_month,
            end_month: l.end_month,
            rent_psf: l.rent_psf,
            escalation_pct: l.escalation_pct,
            market_rent_psf: market.get(&l.mla).copied(),
        })
        .collect();
    Ok(StoredRentRoll {
        kind: Kind::Commercial,
        metrics: stored::lease_metrics(&terms, as_of),
        lease_ids: leases.iter().map(|l| l.id).collect(),
        occupancy_known: true,
    })
}
