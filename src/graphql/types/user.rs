//! `User`: an entry of the tenant's user directory.
use async_graphql::{ID, SimpleObject};
use reos_entities::user;

/// A user of the tenant.
#[derive(SimpleObject)]
pub struct User {
    pub id: ID,
    pub subject: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
    /// Role as last seen in the user's token.
    pub role: String,
    /// Inactive users are refused even with a valid token.
    pub active: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
}

impl From<user::Model> for User {
    fn from(u: user::Model) -> Self {
        Self {
            id: ID(u.id.to_string()),
            subject: u.subject,
            email: u.email,
            display_name: u.display_name,
            role: u.role.as_str().to_owned(),
            active: u.active,
            created_at: u.created_at,
            last_seen_at: u.last_seen_at,
        }
    }
}
