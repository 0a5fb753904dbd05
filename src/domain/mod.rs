//! Domain values parsed once into types that cannot be wrong, and the input rules of the API.
pub mod hash;
pub mod month;
pub mod rules;
pub mod text;
