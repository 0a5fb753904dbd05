//! `field_provenance`: where each written field value came from, how sure we are, and what it replaced.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "field_provenance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub entity: String,
    pub entity_id: Uuid,
    pub field: String,
    pub value: Json,
    pub previous_value: Option<Json>,
    pub source: String,
    pub method: String,
    pub confidence: f64,
    pub evidence_uri: Option<String>,
    pub actor: String,
    pub recorded_at: DateTimeUtc,
    /// 1 when the value passed every gate, 0.5 when it passed with warnings (trust's validation part).
    pub validation: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
