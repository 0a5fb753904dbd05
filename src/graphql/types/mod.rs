//! GraphQL object, input and enum types (API shapes; entities stay in `reos-entities`).
pub mod comps;
pub mod comps_input;
pub mod dcf;
pub mod dcf_input;
pub mod dcf_risk;
pub mod dcf_stored;
pub mod document;
pub mod enums;
pub mod lease;
pub mod me;
pub mod offer;
pub mod owner;
pub mod pipeline;
pub mod property;
pub mod property_input;
pub mod property_trust;
pub mod valuation;
