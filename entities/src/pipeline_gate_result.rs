//! `pipeline_gate_results`: one failed quality-gate expectation of a pipeline run.
use crate::enums::GateSeverity;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pipeline_gate_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub run_id: Uuid,
    /// 1-based data row of the input file.
    pub row: i32,
    pub field: String,
    pub value: String,
    pub expectation: String,
    /// `blocking` or `warning` (a failed expectation), or `rejected` (a row left out).
    pub severity: GateSeverity,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
