//! Authentication: verifies bearer JWTs (OIDC issuer, static key file, or the development key) and
//! maps their claims to a tenant-scoped [`Principal`]. Transport-agnostic: the HTTP layer passes in
//! the `Authorization` header and turns every [`AuthError`] into a 401.

mod claims;
pub mod dev;
pub mod error;
mod jwks;
mod keys;
pub mod roles;
mod token;
pub mod verifier;

#[cfg(test)]
mod tests;

pub use dev::{DevKeyError, DevKeys};
pub use error::{AuthError, SetupError};
pub use roles::{Principal, Role, UnknownRole};
pub use verifier::{Verifier, VerifierConfig};
