//! `market_leasing_profiles`: market leasing assumptions (docs/dcf.md `market_leasing`) that a
//! property's leases roll over to, unique by name per property.
use crate::enums::Recovery;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "market_leasing_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Uuid,
    /// The name leases refer to in their `mla`.
    pub name: String,
    pub market_rent_psf: f64,
    pub term_years: f64,
    pub renewal_probability: f64,
    pub downtime_months: i32,
    pub free_rent_new_months: i32,
    pub free_rent_renewal_months: i32,
    pub ti_new_psf: f64,
    pub ti_renewal_psf: f64,
    pub lc_new_pct: f64,
    pub lc_renewal_pct: f64,
    pub escalation_pct: f64,
    /// `nnn`, `base_year` or `gross`.
    pub recovery: Recovery,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
