//! GraphQL object, input and enum types (API shapes; entities stay in `reos-entities`).
pub mod enums;
pub mod lease;
pub mod me;
pub mod owner;
pub mod property;
pub mod property_input;
pub mod valuation;
