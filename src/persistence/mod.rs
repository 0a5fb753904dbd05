//! Persistence: connections and migrations, per-transaction tenancy, and tenant-scoped repositories.
pub mod changes;
pub mod db;
pub mod object_store;
pub(crate) mod pg_rows;
pub(crate) mod pipelined;
pub mod repositories;
pub mod tenancy;

pub use db::Database;
pub use tenancy::{TenantId, TenantTx};
