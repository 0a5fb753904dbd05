//! Maps the claims of an already verified token to a [`Principal`]: subject, tenant and roles.

use serde_json::{Map, Value};

use super::error::AuthError;
use super::roles::{Principal, Role};

/// The claim set of a token whose signature, times, issuer and audience were already checked.
pub(crate) type Claims = Map<String, Value>;

/// Builds the principal; `tenant_claim` names the claim that carries the tenant slug or id.
pub(crate) fn principal_from_claims(claims: &Claims, tenant_claim: &str) -> Result<Principal, AuthError> {
    let subject = match claims.get("sub") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(_) => {
            return Err(AuthError::malformed("claim `sub` must be a non-empty string"));
        }
        None => return Err(AuthError::malformed("claim `sub` is required")),
    };
    let tenant = match claims.get(tenant_claim) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        None | Some(Value::Null | Value::String(_)) => {
            return Err(AuthError::MissingTenant {
                claim: tenant_claim.to_owned(),
            });
        }
        Some(_) => {
            return Err(AuthError::malformed(format!("claim `{tenant_claim}` must be a string")));
        }
    };
    Ok(Principal {
        subject,
        tenant,
        roles: roles_from_claims(claims),
        email: optional_string(claims, "email"),
        name: optional_string(claims, "name"),
    })
}

/// Collects roles from `roles` (array, or space-separated string as some identity providers emit scopes) and from
/// Keycloak's `realm_access.roles`. Strings that are not ours (Keycloak adds `offline_access`,
/// `uma_authorization`, `default-roles-…`) are skipped rather than rejected.
fn roles_from_claims(claims: &Claims) -> Vec<Role> {
    let mut names: Vec<&str> = Vec::new();
    match claims.get("roles") {
        Some(Value::String(s)) => names.extend(s.split_whitespace()),
        Some(Value::Array(items)) => names.extend(items.iter().filter_map(Value::as_str)),
        _ => {}
    }
    if let Some(Value::Array(items)) = claims.get("realm_access").and_then(|realm| realm.get("roles")) {
        names.extend(items.iter().filter_map(Value::as_str));
    }
    let mut roles: Vec<Role> = names.into_iter().filter_map(|n| n.parse().ok()).collect();
    roles.sort_unstable_by(|a, b| b.cmp(a));
    roles.dedup();
    roles
}

/// Profile claims are informative only, so a non-string value is dropped instead of failing the request.
fn optional_string(claims: &Claims, name: &str) -> Option<String> {
    claims.get(name).and_then(Value::as_str).map(str::to_owned)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
