//! The GraphQL schema: types, queries, mutations, loaders and guards. Independent of actix: the
//! HTTP layer only verifies the token, opens the tenant transaction and puts a [`RequestCtx`] in.
pub mod context;
pub mod cost;
pub mod error;
pub mod guards;
pub mod input_limits;
pub mod limits;
pub mod loaders;
pub mod metrics;
pub mod mutation;
pub mod pagination;
pub mod persisted;
pub mod price;
pub mod query;
pub mod schema;
pub mod subscription;
pub mod types;
pub mod upload;
pub mod work;

pub use context::RequestCtx;
pub use schema::{ReosSchema, build_schema, sdl};
