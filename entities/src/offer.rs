//! `offers`: bids on a property (bidder, amount, status), to which documents can be attached.
use crate::enums::OfferStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Uuid,
    pub bidder: String,
    /// In the currency unit.
    pub amount: f64,
    /// `submitted`, `accepted`, `rejected` or `withdrawn`.
    pub status: OfferStatus,
    pub submitted_at: DateTimeUtc,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
