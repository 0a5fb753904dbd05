//! The pure core of the property pipeline (ingest → normalize → hazards → score → provenance):
//! row parsing, USPS address normalization and hashing, quality gates, hazard scoring and lookup,
//! trust scores and field provenance. No I/O beyond reading the readers it is handed, no async, no
//! database types: services wire these stages to the database. The file format, gate
//! configuration and formulas are documented in docs/pipeline.md.

pub mod address;
mod address_error;
mod address_units;
mod cells;
pub mod children;
pub mod dedupe;
pub mod fixtures;
pub mod gate_eval;
pub mod gates;
pub mod hazard_table;
pub mod hazards;
pub mod provenance;
mod row_types;
pub mod rows;
pub mod settings;
pub mod synthetic;
pub mod trust;
pub mod usps;

pub use address::{AddressError, AddressInput, NormalizedAddress, normalize};
pub use children::{ChildKind, ChildRow, ParsedChildren, attach, evaluate_children, parse_children_csv};
pub use dedupe::{AddressGroup, AddressedRow, group_by_address, normalize_rows};
pub use gate_eval::{GateFailure, GateReport, evaluate, evaluate_properties};
pub use gates::{DEFAULT_GATES_TOML, Entity, Expectation, GateConfig, GateError, Rule, Severity};
pub use hazard_table::{HazardMatch, HazardPoint, HazardTable, haversine_m};
pub use hazards::{HazardConfig, HazardError, HazardImpact, HazardScores, HazardWeights, assess};
pub use provenance::{MergeOutcome, ProvenanceError, ProvenanceRecord, WriteContext, diff, merge, merge_row};
pub use rows::{COLUMNS, FileError, ParsedRow, ParsedRows, PropertyRow, REQUIRED, RowError, parse_csv, parse_jsonl};
pub use settings::{DEFAULT_SETTINGS_TOML, DcfDefaults, PipelineSettings, SettingsError};
pub use trust::{FieldTrust, TrustConfig, TrustError, TrustInputs, TrustSummary, summarize, trust};
