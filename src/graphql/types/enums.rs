//! GraphQL enums. Those stored in the database mirror the entities' enums
//! (`reos_entities::enums`, which own the stored spellings) through async-graphql's `remote`,
//! which generates the conversions both ways; the variant names must match theirs.
use async_graphql::Enum;
use reos_entities::enums as db;

/// Kind of real estate.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "db::PropertyType")]
pub enum PropertyType {
    SingleFamily,
    Condo,
    Townhouse,
    Multifamily,
    Office,
    Retail,
    Industrial,
    MixedUse,
    Land,
}

/// Where the property stands for the tenant.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "db::PropertyStatus")]
pub enum PropertyStatus {
    Active,
    UnderContract,
    Owned,
    Sold,
    Archived,
}

/// Acquisition pipeline stage.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "db::PipelineStage")]
pub enum PipelineStage {
    Sourced,
    Screening,
    Underwriting,
    DueDiligence,
    Closed,
    Rejected,
}

/// Legal form of an owner.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "db::OwnerType")]
pub enum OwnerType {
    Individual,
    Llc,
    Corporation,
    Partnership,
    Trust,
    Reit,
    Fund,
    Government,
    Other,
}

/// How a lease recovers operating expenses (docs/dcf.md).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "db::Recovery")]
pub enum Recovery {
    Nnn,
    BaseYear,
    Gross,
}

/// Caller roles, highest first: admin > operator > analyst > viewer.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "db::UserRole")]
pub enum UserRole {
    Admin,
    Operator,
    Analyst,
    Viewer,
}

/// Sort direction.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum SortDirection {
    Asc,
    #[default]
    Desc,
}

/// Where an offer on a property stands.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "db::OfferStatus")]
pub enum OfferStatus {
    Submitted,
    Accepted,
    Rejected,
    Withdrawn,
}
