//! Why an address was refused ([`AddressError`], re-exported as `address::AddressError`), shared
//! by the street-line and unit parsers.

/// Why an address was refused; `field` is the input column (`address`, `unit`, `city`, `state`, `zip`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("{field}: required")]
    Missing { field: &'static str },
    #[error("{field}: {reason} (got {value:?})")]
    Invalid {
        field: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("unit: the address line says {in_line:?} but the unit column says {in_column:?}")]
    ConflictingUnit { in_line: String, in_column: String },
}

pub(super) fn invalid(field: &'static str, value: &str, reason: &'static str) -> AddressError {
    AddressError::Invalid {
        field,
        value: value.to_string(),
        reason,
    }
}
