//! Roles and the authenticated principal that resolvers and services authorise against.

use std::fmt;
use std::str::FromStr;

/// A tenant-scoped role. Declaration order is the privilege order (`Viewer` lowest), so the derived
/// `Ord` is what [`Role::at_least`] compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Analyst,
    Operator,
    Admin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Analyst, Role::Operator, Role::Admin];

    /// True when `self` grants everything `other` grants.
    pub fn at_least(&self, other: Role) -> bool {
        *self >= other
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Analyst => "analyst",
            Role::Operator => "operator",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The role string was none of `admin|operator|analyst|viewer` (matched exactly, lowercase).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`: expected one of admin, operator, analyst, viewer")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// Who made the request, as established by a verified token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The token's `sub`.
    pub subject: String,
    /// The tenant slug or id exactly as the tenant claim carries it; resolving it is the caller's job.
    pub tenant: String,
    /// Known roles from the token, highest first, without duplicates.
    pub roles: Vec<Role>,
    pub email: Option<String>,
    pub name: Option<String>,
}

impl Principal {
    /// `None` when the token carried no known role: such a principal may authenticate but not act.
    pub fn highest_role(&self) -> Option<Role> {
        self.roles.iter().copied().max()
    }

    pub fn has_at_least(&self, role: Role) -> bool {
        self.highest_role().is_some_and(|r| r.at_least(role))
    }
}

#[cfg(test)]
mod tests;
