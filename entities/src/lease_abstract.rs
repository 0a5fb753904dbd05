//! `lease_abstracts`: the terms extracted from a lease document (docs/lease.md) — a draft an
//! analyst reads and edits, then confirms into a lease.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "lease_abstracts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub document_id: Uuid,
    /// The document's property, if it is attached to one (a confirmed lease goes there).
    pub property_id: Option<Uuid>,
    /// `commercial` or `residential`.
    pub kind: String,
    /// `draft` or `confirmed`.
    pub status: String,
    /// The abstract as extracted (`reos lease extract --json`'s object).
    pub extracted: Json,
    /// The analyst's edits at confirmation: `{field: value}`.
    pub edits: Option<Json>,
    /// The (commercial) lease the confirmation created or updated.
    pub lease_id: Option<Uuid>,
    /// The unit lease a residential confirmation created or updated.
    pub unit_lease_id: Option<Uuid>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
