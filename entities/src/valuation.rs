//! `valuations`: saved model runs (DCF, Comp-Critic) with the inputs' hash and the full result.
use crate::enums::ValuationModel;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "valuations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub property_id: Option<Uuid>,
    /// `dcf` or `comp-critic`.
    pub model: ValuationModel,
    pub model_version: String,
    /// SHA-256 of the canonical input JSON.
    pub inputs_hash: String,
    pub value: Option<f64>,
    pub result: Json,
    /// Year-1 NOI of a DCF valuation (its result's `noi_year1`); null for other models.
    pub noi_year1: Option<f64>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
