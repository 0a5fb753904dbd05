//! Root queries, one domain per file, merged into `QueryRoot`.
mod me;
mod owners;
mod properties;
pub mod users;

use async_graphql::MergedObject;
pub use users::User;

#[derive(MergedObject, Default)]
pub struct QueryRoot(
    me::MeQuery,
    properties::PropertyQueries,
    owners::OwnerQueries,
    users::UserQueries,
);
