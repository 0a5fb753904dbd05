//! Lease abstraction (docs/lease.md): a lease document's text in, an abstract out — each term
//! with its value, a confidence and a citation (page, character offsets, quoted text), the rent
//! schedule, and what the lease states implicitly derived and cited. Pure and synchronous.
/// `re!("pattern")` or `re!(format!(…))`: a lazily compiled [`pattern::Re`] for a `static`
/// (defined before the modules so that all of them can use it).
macro_rules! re {
    ($p:expr) => {
        $crate::analytics::lease::pattern::Re::new(|| regex::Regex::new(&$p).ok())
    };
}

pub mod abstract_;
pub mod candidate;
pub mod clauses;
pub mod dates;
pub mod derive;
pub mod docx;
pub mod eval;
pub mod fields;
pub mod labels;
pub mod numbers;
pub mod pattern;
pub mod schedule;
pub mod segment;
pub mod text;
pub mod topic;

pub use abstract_::{Citation, Field, FieldName, Kind, LeaseAbstract, RentPeriod, Value};
pub use text::{DocText, Format, TextError};

/// Reads a lease file's bytes and abstracts it.
pub fn extract_bytes(bytes: &[u8]) -> Result<LeaseAbstract, TextError> {
    Ok(extract(&text::read(bytes)?))
}

/// Abstracts a lease from its text.
pub fn extract(doc: &DocText) -> LeaseAbstract {
    derive::abstract_of(&segment::Doc::new(&doc.pages))
}
