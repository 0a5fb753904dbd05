//! Tenant administration (`reos tenant create`, run with the owner connection) and the lookup of
//! a tenant by its slug that the command line's `--tenant` uses.
use crate::persistence::Database;
use crate::persistence::repositories::tenants;
use anyhow::{Context, bail};
use sea_orm::DbErr;

/// Slugs are short, lower-case and URL-safe.
pub fn validate_slug(slug: &str) -> anyhow::Result<()> {
    let ok = (2..=63).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-');
    if !ok {
        bail!("slug `{slug}`: use 2–63 lower-case letters, digits and dashes");
    }
    Ok(())
}

/// The tenant with this slug, if there is one (read with the service connection, as requests are).
pub async fn by_slug(db: &Database, slug: &str) -> Result<Option<reos_entities::tenant::Model>, DbErr> {
    tenants::by_slug(&db.service, slug).await
}

/// Creates a tenant after checking its slug and name; a slug already taken is refused.
pub async fn create(db: &Database, slug: &str, name: &str) -> anyhow::Result<reos_entities::tenant::Model> {
    validate_slug(slug)?;
    if name.trim().is_empty() {
        bail!("name: must not be empty");
    }
    if tenants::by_slug(&db.owner, slug).await?.is_some() {
        bail!("slug `{slug}`: a tenant with this slug already exists");
    }
    tenants::create(&db.owner, slug, name.trim())
        .await
        .context("creating tenant")
}

#[cfg(test)]
mod tests;
