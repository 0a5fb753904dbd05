//! The analytics core: pure, synchronous, no I/O (but the backtest plot), no database or web types.
pub mod comps;
pub mod csv_safe;
pub mod dcf;
pub mod lease;
pub mod market;
pub mod portfolio;
pub mod rent_roll;
pub mod stats;
