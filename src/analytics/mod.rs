//! The analytics core: pure, synchronous, no I/O, no database or web types.
pub mod dcf;
