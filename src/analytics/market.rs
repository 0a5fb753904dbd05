//! Market regime (docs/market.md): Bayesian online changepoint detection on monthly market
//! series, the series it watches, and the regime read off its segments.
pub mod bocpd;
pub mod plot;
pub mod regime;
pub mod series;
