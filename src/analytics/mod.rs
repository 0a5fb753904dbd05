//! The analytics core: pure, synchronous, no I/O, no database or web types.
// Wired in as the helpers finish: comps, dcf, stats.

