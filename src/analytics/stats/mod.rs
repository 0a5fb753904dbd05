//! Statistics shared by the analytics engines: IAAO ratio-study metrics.

pub mod ratio;

pub use ratio::{RatioStudy, StatsError, ratio_study};
