//! `unit_leases`: one multifamily unit of a property — its type, resident, monthly rents, deposit,
//! dates and status (`occupied`, `vacant`, `notice`) — from a rent roll or a confirmed residential
//! lease abstract (docs/lease.md).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "unit_leases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Uuid,
    /// The unit's number or name, unique within the property.
    pub unit: String,
    /// The unit mix type it counts in (None: not known).
    pub unit_type: Option<String>,
    pub resident: Option<String>,
    /// `occupied`, `vacant` or `notice`.
    pub status: String,
    pub area_sf: Option<f64>,
    /// The contractual (actual) monthly rent.
    pub monthly_rent: Option<f64>,
    /// The monthly market rent the rent roll states.
    pub market_rent: Option<f64>,
    pub security_deposit: Option<f64>,
    pub late_fee: Option<f64>,
    /// Move-in or lease start.
    pub start_date: Option<Date>,
    /// The lease's last day.
    pub end_date: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
