//! Statistics shared by the analytics engines: IAAO ratio-study metrics and boosted trees.

pub mod boost;
pub mod ratio;

pub use ratio::{RatioStudy, StatsError, ratio_study};
