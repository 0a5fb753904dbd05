//! `Lease` (commercial, docs/dcf.md fields; months as `YYYY-MM`), `UnitType` (multifamily mix)
//! and `UnitLease` (one multifamily unit).
use super::enums::Recovery;
use crate::domain::month;
use async_graphql::{ID, Object};
use reos_entities::{lease, unit_lease, unit_mix};

/// A lease, or a suite vacant at analysis start.
pub struct Lease(pub lease::Model);

#[Object]
impl Lease {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn property_id(&self) -> ID {
        ID(self.0.property_id.to_string())
    }
    /// The occupying company; null for a vacant suite.
    async fn tenant_name(&self) -> Option<&str> {
        self.0.tenant_name.as_deref()
    }
    async fn suite(&self) -> Option<&str> {
        self.0.suite.as_deref()
    }
    async fn vacant(&self) -> bool {
        self.0.vacant
    }
    async fn area_sf(&self) -> f64 {
        self.0.area_sf
    }
    /// First month, `YYYY-MM`.
    async fn start(&self) -> Option<String> {
        self.0.start_month.map(month::format)
    }
    /// Last month (inclusive), `YYYY-MM`.
    async fn end(&self) -> Option<String> {
        self.0.end_month.map(month::format)
    }
    /// Annual base rent per square foot.
    async fn rent_psf(&self) -> Option<f64> {
        self.0.rent_psf
    }
    /// Annual escalation, a fraction.
    async fn escalation_pct(&self) -> f64 {
        self.0.escalation_pct
    }
    async fn free_rent_months(&self) -> i32 {
        self.0.free_rent_months
    }
    async fn recovery(&self) -> Recovery {
        self.0.recovery.into()
    }
    async fn expense_stop_psf(&self) -> Option<f64> {
        self.0.expense_stop_psf
    }
    async fn renewal_probability(&self) -> Option<f64> {
        self.0.renewal_probability
    }
    /// Market leasing assumption profile applied at rollover.
    async fn mla(&self) -> &str {
        &self.0.mla
    }
}

/// One unit type of a multifamily property.
pub struct UnitType(pub unit_mix::Model);

#[Object]
impl UnitType {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn unit_type(&self) -> &str {
        &self.0.unit_type
    }
    async fn units(&self) -> i32 {
        self.0.units
    }
    async fn avg_area_sf(&self) -> Option<f64> {
        self.0.avg_area_sf
    }
    /// In-place monthly rent per unit.
    async fn current_rent(&self) -> f64 {
        self.0.current_rent
    }
    /// Market monthly rent per unit.
    async fn market_rent(&self) -> f64 {
        self.0.market_rent
    }
}

/// One unit of a multifamily property: its type, resident, monthly rents, deposit, dates and
/// status, from a rent roll or a confirmed residential lease abstract.
pub struct UnitLease(pub unit_lease::Model);

#[Object]
impl UnitLease {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn unit(&self) -> &str {
        &self.0.unit
    }
    /// The unit-mix type it counts in.
    async fn unit_type(&self) -> Option<&str> {
        self.0.unit_type.as_deref()
    }
    async fn resident(&self) -> Option<&str> {
        self.0.resident.as_deref()
    }
    /// `occupied`, `vacant` or `notice`.
    async fn status(&self) -> &str {
        &self.0.status
    }
    async fn area_sf(&self) -> Option<f64> {
        self.0.area_sf
    }
    /// Contractual monthly rent.
    async fn monthly_rent(&self) -> Option<f64> {
        self.0.monthly_rent
    }
    /// Monthly market rent (as a rent roll states it).
    async fn market_rent(&self) -> Option<f64> {
        self.0.market_rent
    }
    async fn security_deposit(&self) -> Option<f64> {
        self.0.security_deposit
    }
    async fn late_fee(&self) -> Option<f64> {
        self.0.late_fee
    }
    /// Move-in or lease start, `YYYY-MM-DD`.
    async fn start(&self) -> Option<String> {
        self.0.start_date.map(|d| d.to_string())
    }
    /// The lease's last day, `YYYY-MM-DD`.
    async fn end(&self) -> Option<String> {
        self.0.end_date.map(|d| d.to_string())
    }
}
