//! `users`: people of a tenant, provisioned from their token on first use; role as last seen.
use crate::enums::UserRole;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// The token's `sub`.
    pub subject: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
    /// `admin`, `operator`, `analyst` or `viewer`.
    pub role: UserRole,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
