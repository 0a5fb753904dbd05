//! `Owner` (contact details guarded: operator or admin) and `PropertyOwner` (a share of a property).
use super::enums::OwnerType;
use crate::auth::Role;
use crate::graphql::guards::RoleGuard;
use async_graphql::{ID, Object};
use reos_entities::{owner, property_ownership};

/// A person or entity that owns property.
pub struct Owner(pub owner::Model);

#[Object]
impl Owner {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn owner_type(&self) -> OwnerType {
        self.0.owner_type.into()
    }
    /// Tax id. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn tax_id(&self) -> Option<&str> {
        self.0.tax_id.as_deref()
    }
    /// Contact e-mail. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    /// Contact phone. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// Mailing address. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn mailing_address(&self) -> Option<&str> {
        self.0.mailing_address.as_deref()
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

/// An owner's share of one property.
pub struct PropertyOwner(pub property_ownership::Model, pub owner::Model);

#[Object]
impl PropertyOwner {
    /// The ownership record's id.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Share in percent (0–100].
    async fn share_pct(&self) -> f64 {
        self.0.share_pct
    }
    async fn acquired_on(&self) -> Option<chrono::NaiveDate> {
        self.0.acquired_on
    }
    async fn acquisition_price(&self) -> Option<f64> {
        self.0.acquisition_price
    }
    async fn owner(&self) -> Owner {
        Owner(self.1.clone())
    }
}
