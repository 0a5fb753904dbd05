//! Rent rolls (docs/rent-roll.md): a seller's CSV or XLSX/XLS rent roll read as it comes — header
//! found below titles, columns mapped by synonyms (with the reason), every row kept or skipped
//! with why, values parsed strictly, problems named by row and column — and the rent-roll
//! metrics (occupancy, WALE, expiry ladder, top tenants, mark-to-market, unit mix). Pure: bytes in,
//! a serializable [`Preview`] out.
pub mod eval;
pub mod extract;
pub mod grid;
pub mod header;
pub mod metrics;
pub mod model;
pub mod plan;
pub mod preview;
pub mod rows;
pub mod stored;
pub mod synonyms;
pub mod units;
pub mod values;

pub use grid::Format;
pub use header::Kind;
pub use metrics::{Metrics, Space};
pub use model::{Column, CommercialValues, MultifamilyValues, Preview, Problem, RowOut, Summary, Values};
pub use plan::ColumnChoice;
pub use preview::{Options, base_name, preview};
