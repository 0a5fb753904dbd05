//! `leases`: commercial leases (docs/dcf.md fields); months are stored as the first day of the month.
use crate::enums::Recovery;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "leases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Uuid,
    /// The occupying company; None for a vacant suite.
    pub tenant_name: Option<String>,
    pub suite: Option<String>,
    pub vacant: bool,
    pub area_sf: f64,
    pub start_month: Option<Date>,
    pub end_month: Option<Date>,
    pub rent_psf: Option<f64>,
    pub escalation_pct: f64,
    pub free_rent_months: i32,
    /// `nnn`, `base_year` or `gross`.
    pub recovery: Recovery,
    pub expense_stop_psf: Option<f64>,
    pub renewal_probability: Option<f64>,
    /// Market leasing assumption profile name.
    pub mla: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
