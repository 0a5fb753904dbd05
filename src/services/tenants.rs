//! Tenant administration (`reos tenant create`), run with the owner connection.
use crate::persistence::Database;
use crate::persistence::repositories::tenants;
use anyhow::{Context, bail};

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
mod tests {
    use super::validate_slug;

    #[test]
    fn slugs_must_be_lower_case_url_safe() {
        assert!(validate_slug("demo").is_ok());
        assert!(validate_slug("Demo").is_err());
        assert!(validate_slug("a").is_err());
        assert!(validate_slug("x/y").is_err());
    }
}
